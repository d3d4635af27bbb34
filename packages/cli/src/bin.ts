#!/usr/bin/env node
import { Command } from 'commander';
import { CLIENT_VERSION } from './version.js';

new Command('aurora-chat').description('Aurora terminal chat client').version(CLIENT_VERSION).parse();
