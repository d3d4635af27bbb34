export { TypingLine } from './typing-line.js';
export { lengthCounter, typingText } from './typing-text.js';
