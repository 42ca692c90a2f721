import type { LoaderFunctionArgs } from '@remix-run/node'
import { answerGatewayCallback } from '../utils/gateway-callback.server'

/** VNPay's IPN (DESIGN §8, stable): `GET /webhooks/vnpay/ipn?vnp_…`, verified by `vnp_SecureHash` over the query. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  return answerGatewayCallback('vnpay', request, context)
}
