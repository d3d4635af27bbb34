// Node, browsers and every other JavaScript runtime have these, but the ES library does not declare
// them (see timers.d.ts): cursors are base64url text (stream-cursor.ts).
declare function btoa(data: string): string;
declare function atob(data: string): string;
