import path from 'node:path'
import type { Env } from '../../utils/env.server'
import { LocalFolderStorage, type FileStorage } from './storage.server'

/**
 * The store the configuration names (DESIGN §9): a folder (STORAGE_DIR, by default DATA_DIR/uploads). Every
 * process that serves or cleans files builds its store here, so web servers and workers agree.
 */
export function createStorage(env: Env): FileStorage {
  return new LocalFolderStorage(env.STORAGE_DIR ?? path.join(env.DATA_DIR, 'uploads'))
}
