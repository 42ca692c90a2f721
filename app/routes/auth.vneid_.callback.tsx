import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { AccountDisabledError, LinkNeededError, signInWithVneid } from '../modules/auth/vneid/accounts.server'
import { tokenFrom, vneidLinkCookie, vneidLoginCookie } from '../modules/auth/vneid/cookies.server'
import {
  CallbackRefusedError,
  completeLogin,
  ProviderUnavailableError,
} from '../modules/auth/vneid/relying-party.server'
import { startSessionAndRedirect } from '../utils/login.server'
import { safeRedirect } from '../utils/safe-redirect'

/**
 * The redirect URI registered at the provider. Accepted once, only from the browser that began the sign-in
 * (its cookie names the request: state, nonce and PKCE verifier are checked against it), so a link to this URL
 * with someone else's code signs nobody in. Every refusal goes back to the login page with a translated message.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const loginCookie = vneidLoginCookie(context.env)
  const cleared = await loginCookie.serialize('', { maxAge: 0 })
  const back = (reason: 'unavailable' | 'refused' | 'disabled') =>
    redirect(`/login?vneid=${reason}`, { headers: { 'Set-Cookie': cleared } })
  try {
    const signIn = await completeLogin(context.db, context.env, {
      callbackUrl: new URL(request.url),
      token: await tokenFrom(loginCookie, request),
    })
    const account = await signInWithVneid(context.db, signIn)
    const to = account.kind === 'citizen' ? safeRedirect(signIn.redirectTo, '/') : '/'
    const vneid = { level: account.level, identityId: account.identityId, idToken: account.idToken }
    return await startSessionAndRedirect(request, context, account, to, vneid, [cleared])
  } catch (error) {
    if (error instanceof LinkNeededError) {
      const headers = new Headers()
      headers.append('Set-Cookie', cleared)
      headers.append(
        'Set-Cookie',
        await vneidLinkCookie(context.env).serialize(error.token, { maxAge: error.maxAgeSeconds }),
      )
      return redirect('/auth/vneid/link', { headers })
    }
    if (error instanceof ProviderUnavailableError) {
      context.logger.warn({ event: 'vneid_unavailable', reason: error.message }, 'VNeID unavailable')
      return back('unavailable')
    }
    if (error instanceof CallbackRefusedError) {
      context.logger.warn({ event: 'vneid_refused', reason: error.reason }, 'VNeID callback refused')
      return back('refused')
    }
    if (error instanceof AccountDisabledError) return back('disabled')
    throw error
  }
}
