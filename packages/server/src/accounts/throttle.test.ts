import { throttleContract } from '../testing/throttle-contract.js';
import { MemoryAttemptLog } from './attempt-log.js';

throttleContract('one process', () => new MemoryAttemptLog());
