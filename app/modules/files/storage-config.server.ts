import path from 'node:path'
import type { Env } from '../../utils/env.server'
import { S3Storage } from './s3-storage.server'
import { LocalFolderStorage, type FileStorage } from './storage.server'

/**
 * The store the configuration names (DESIGN §9): STORAGE_DRIVER=folder (default) is a folder (STORAGE_DIR, by
 * default DATA_DIR/uploads) — one machine only; STORAGE_DRIVER=s3 is an S3-compatible bucket (S3_BUCKET,
 * S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE; parseEnv has checked that
 * the required ones are there). Every process that serves or cleans files builds its store here, so web servers and
 * workers agree.
 */
export function createStorage(env: Env): FileStorage {
  if (env.STORAGE_DRIVER === 's3') {
    if (!env.S3_BUCKET || !env.S3_ACCESS_KEY_ID || !env.S3_SECRET_ACCESS_KEY) {
      throw new TypeError('STORAGE_DRIVER=s3 without S3_BUCKET and credentials: parseEnv refuses that')
    }
    return new S3Storage({
      bucket: env.S3_BUCKET,
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
      forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    })
  }
  return new LocalFolderStorage(env.STORAGE_DIR ?? path.join(env.DATA_DIR, 'uploads'))
}
