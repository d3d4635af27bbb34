"""The FastAPI baseline: the connection-manager chat from FastAPI's WebSocket guide, with rooms.

Aurora's ancestors were built like this. It speaks the same subset of Aurora's protocol as the bare
ws baseline: a `hello` with rooms is answered with `joined`, and a `say` is sent as `message` to
every member of the room, the sender included, one `await send_text` at a time.

Run: python3 fastapi_chat.py [PORT]   (prints "listening on PORT" once it accepts connections)
"""

import json
import socket
import sys

import uvicorn
from fastapi import FastAPI, WebSocket, WebSocketDisconnect


class ConnectionManager:
    def __init__(self) -> None:
        self.rooms: dict[str, list[WebSocket]] = {}

    def join(self, websocket: WebSocket, room: str) -> None:
        self.rooms.setdefault(room, []).append(websocket)

    def leave(self, websocket: WebSocket, room: str) -> None:
        members = self.rooms.get(room, [])
        if websocket in members:
            members.remove(websocket)

    async def broadcast(self, room: str, message: str) -> None:
        for connection in list(self.rooms.get(room, [])):
            await connection.send_text(message)


def encode(message: dict) -> str:
    return json.dumps(message, separators=(",", ":"))


manager = ConnectionManager()
app = FastAPI()


@app.websocket("/ws")
async def chat(websocket: WebSocket) -> None:
    await websocket.accept()
    nick = ""
    joined: list[str] = []
    try:
        while True:
            message = json.loads(await websocket.receive_text())
            kind = message.get("type")
            if kind == "hello":
                nick = str(message.get("nick", ""))
                for room in message.get("rooms", []):
                    manager.join(websocket, room)
                    joined.append(room)
                    await websocket.send_text(encode({"type": "joined", "room": room}))
            elif kind == "say" and message.get("room") in joined:
                room = message["room"]
                await manager.broadcast(
                    room,
                    encode({"type": "message", "room": room, "from": nick, "text": message.get("text")}),
                )
    except WebSocketDisconnect:
        pass
    finally:
        for room in joined:
            manager.leave(websocket, room)


def main() -> None:
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(4096)
    config = uvicorn.Config(app, log_level="warning", ws="websockets", lifespan="off", backlog=4096)
    server = uvicorn.Server(config)
    print(f"listening on {listener.getsockname()[1]}", flush=True)
    server.run(sockets=[listener])


if __name__ == "__main__":
    main()
