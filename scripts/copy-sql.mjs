#!/usr/bin/env node
/** Copies the SQL files the code reads at run time (src/database/functions) beside the build. */
import { cpSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
cpSync(join(root, 'src/database/functions'), join(root, 'dist/src/database/functions'), { recursive: true });
