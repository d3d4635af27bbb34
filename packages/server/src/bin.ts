#!/usr/bin/env node
import { Command } from 'commander';
import { SERVER_VERSION } from './version.js';

new Command('aurora-server').description('Aurora chat server').version(SERVER_VERSION).parse();
