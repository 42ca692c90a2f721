import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { isLng } from '../i18n/config'
import { setUserLocale } from '../modules/auth/accounts.server'
import { lngCookie } from '../i18n/lng-cookie.server'
import { getUser } from '../utils/auth.server'
import { safeRedirect } from '../utils/safe-redirect'

/** The header's language switch: remembered in a cookie and, when signed in, on the account. */
export async function action(args: ActionFunctionArgs) {
  const form = await args.request.formData()
  const lng = form.get('lng')
  const to = safeRedirect(form.get('redirectTo'))
  if (!isLng(lng)) return redirect(to)
  const user = await getUser(args)
  if (user) await setUserLocale(args.context.db, user.id, lng)
  return redirect(to, { headers: { 'Set-Cookie': await lngCookie.serialize(lng) } })
}

export async function loader() {
  return redirect('/')
}
