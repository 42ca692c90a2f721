/**
 * The letter each action sends the applicant, queued in the transition's own transaction right after its audit
 * row (the outbox: both commit, or neither). Actions without a letter are simply absent.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import {
  notifyApology,
  notifyReceived,
  notifyResultReady,
  notifySubmitted,
  notifySupplementRequested,
} from '../notifications/outbox.server'
import type { TransitionResult } from './perform.server'
import type { ActionName } from './transitions'

type Letter = (trx: Kysely<Database>, r: TransitionResult) => Promise<unknown>

export const letters: { readonly [A in ActionName]?: Letter } = {
  submit: (trx, r) => notifySubmitted(trx, { dossierId: r.dossierId }),
  receive: async (trx, r) => {
    if (r.dueAt) await notifyReceived(trx, { dossierId: r.dossierId, appointmentAt: r.dueAt })
  },
  request_supplement: async (trx, r) => {
    if (r.supplementRequestId)
      await notifySupplementRequested(trx, {
        dossierId: r.dossierId,
        supplementRequestId: r.supplementRequestId,
      })
  },
  approve: (trx, r) => notifyResultReady(trx, { dossierId: r.dossierId }),
  apologise: (trx, r) =>
    notifyApology(trx, {
      dossierId: r.dossierId,
      newAppointmentAt: r.data.newAppointmentAt as Date,
      reason: r.reason,
    }),
}
