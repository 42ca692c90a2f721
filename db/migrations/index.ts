import type { Migration } from 'kysely'
import * as m20261127T0001 from './2026-11-27T0001-foundation'
import * as m20261127T0002 from './2026-11-27T0002-dossiers'
import * as m20261127T0003 from './2026-11-27T0003-mailbox'
import * as m20261127T0004 from './2026-11-27T0004-queue-indexes'
import * as m20261127T0005 from './2026-11-27T0005-admin-audit'
import * as m20261128T0006 from './2026-11-28T0006-payments'
import * as m20261201T0010 from './2026-12-01T0010-finance'
import * as m20261201T0012 from './2026-12-01T0012-email-confirmation'
import * as m20261201T0013 from './2026-12-01T0013-finance-parsing'
import * as m20261201T0014 from './2026-12-01T0014-finance-parsing-inline'
import * as m20261201T0020 from './2026-12-01T0020-finance-speed'
import * as m20261201T0030 from './2026-12-01T0030-finance-fast-import'
import * as m20261201T0032 from './2026-12-01T0032-catalogue-search'
import * as m20261201T0033 from './2026-12-01T0033-catalogue-words'
import * as m20261201T0031 from './2026-12-01T0031-catalogue-version'
import * as m20261201T0040 from './2026-12-01T0040-finance-matching-speed'
import * as m20261201T0042 from './2026-12-01T0042-circular-forms'
import * as m20261201T0041 from './2026-12-01T0041-holiday-swaps'
import * as m20261201T0044 from './2026-12-01T0044-document-checks'
import * as m20261201T0131 from './2026-12-01T0131-vneid'
import * as m20261201T0151 from './2026-12-01T0151-document-store'
import * as m20261201T0152 from './2026-12-01T0152-shared-file-objects'
import * as m20261201T0141 from './2026-12-01T0141-results'

/**
 * Every migration, by name (date-prefixed; sorted by name when run). Imported statically rather than read
 * from the folder, so the same list runs under tsx, vitest and any bundle. Add a line per new migration;
 * never edit a merged migration.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-27T0001-foundation': m20261127T0001,
  '2026-11-27T0002-dossiers': m20261127T0002,
  '2026-11-27T0003-mailbox': m20261127T0003,
  '2026-11-27T0004-queue-indexes': m20261127T0004,
  '2026-11-27T0005-admin-audit': m20261127T0005,
  '2026-11-28T0006-payments': m20261128T0006,
  '2026-12-01T0010-finance': m20261201T0010,
  '2026-12-01T0012-email-confirmation': m20261201T0012,
  '2026-12-01T0013-finance-parsing': m20261201T0013,
  '2026-12-01T0014-finance-parsing-inline': m20261201T0014,
  '2026-12-01T0020-finance-speed': m20261201T0020,
  '2026-12-01T0030-finance-fast-import': m20261201T0030,
  '2026-12-01T0032-catalogue-search': m20261201T0032,
  '2026-12-01T0033-catalogue-words': m20261201T0033,
  '2026-12-01T0031-catalogue-version': m20261201T0031,
  '2026-12-01T0040-finance-matching-speed': m20261201T0040,
  '2026-12-01T0042-circular-forms': m20261201T0042,
  '2026-12-01T0041-holiday-swaps': m20261201T0041,
  '2026-12-01T0044-document-checks': m20261201T0044,
  '2026-12-01T0131-vneid': m20261201T0131,
  '2026-12-01T0151-document-store': m20261201T0151,
  '2026-12-01T0152-shared-file-objects': m20261201T0152,
  '2026-12-01T0141-results': m20261201T0141,
}
