import { data, type AppLoadContext } from '@remix-run/node'
import { requireUser } from '../../utils/auth.server'
import { receiptFor } from './receipts.server'

/** A receipt its payer or staff of its agency may see; anyone else gets the same 404 as for a wrong id. */
export async function requireReceipt(args: {
  request: Request
  context: AppLoadContext
  params: { id?: string }
}) {
  const user = await requireUser(args)
  const receipt = await receiptFor(args.context.db, args.params.id ?? '', {
    userId: user.id,
    staffAgencyIds: user.roles.map((r) => r.agencyId),
  })
  if (!receipt) throw data({ reason: 'not found' }, { status: 404 })
  return receipt
}
