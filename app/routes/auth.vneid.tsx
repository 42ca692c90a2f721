import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { getT } from '../i18n/i18next.server'
import { vneidLoginCookie } from '../modules/auth/vneid/cookies.server'
import { beginLogin, ProviderUnavailableError } from '../modules/auth/vneid/relying-party.server'
import { safeRedirect } from '../utils/safe-redirect'

// A resource route: the login page's (and the identity-level page's) "Đăng nhập bằng VNeID" posts here; the
// answer sends the browser to the provider with state, nonce and PKCE, its token in a cookie. A GET changes
// nothing and goes back to the login page.
export function loader() {
  return redirect('/login')
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await request.formData()
  const redirectTo = safeRedirect(form.get('redirectTo'), '/')
  const { lng } = await getT(request, 'auth')
  try {
    const { url, token, maxAgeSeconds } = await beginLogin(context.db, context.env, {
      origin: context.origin,
      redirectTo,
      lng,
      prompt: form.get('prompt') === 'login' ? 'login' : undefined,
    })
    const cookie = await vneidLoginCookie(context.env).serialize(token, { maxAge: maxAgeSeconds })
    return redirect(url, { headers: { 'Set-Cookie': cookie } })
  } catch (error) {
    if (!(error instanceof ProviderUnavailableError)) throw error
    context.logger.warn({ event: 'vneid_unavailable', reason: error.message }, 'VNeID unavailable')
    return redirect(`/login?${new URLSearchParams({ vneid: 'unavailable', redirectTo })}`)
  }
}
