import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { People } from './moderation-people.js';
import { TestRedis } from './redis-server.js';
import { TestServers } from './test-servers.js';

/**
 * For a `describeWithRedis` block of people on several cluster nodes: one Redis for the block,
 * emptied before each test; the nodes started and the people connected are closed after each.
 */
export function clusterPeople() {
  let redis: TestRedis | undefined;
  const servers = new TestServers();
  const people = new People();
  beforeAll(async () => {
    redis = await TestRedis.start();
  });
  afterAll(async () => {
    await redis?.dispose();
  });
  beforeEach(async () => {
    await redis!.flush();
  });
  afterEach(async () => {
    people.closeAll();
    await servers.closeAll();
  });
  /** Starts a cluster node on the block's Redis; resolves with its WebSocket address. */
  const startNode = (admins: readonly string[] = []) => servers.start({ admins, redis: redis!.url });
  return { people, startNode };
}
