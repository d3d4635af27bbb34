import { describe } from 'vitest';
import { directoryContract } from '../testing/directory-contract.js';
import { LocalDirectory } from './local.js';

describe('the local directory', () => {
  directoryContract(async () => new LocalDirectory());
});
