import { describe } from 'vitest';
import { sequentialIds } from '../ids.js';
import { storeContract } from '../testing/store-contract.js';
import { SqliteStore } from './sqlite.js';

describe('the SQLite store', () => {
  storeContract(async ({ clock, retention }) => new SqliteStore({ clock, retention, ids: sequentialIds() }));
});
