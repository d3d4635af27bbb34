export { FakeSocket, fakeSocketFactory } from './fake-socket.js';
export { type TestConnectionOptions, testConnection } from './test-connection.js';
