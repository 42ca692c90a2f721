import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  LiveReload,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useNavigation,
  useRouteError,
  useRouteLoaderData,
  type ShouldRevalidateFunction,
} from '@remix-run/react'
import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from 'remix-i18next/react'
import { ErrorPage, errorKinds } from './components/error-page'
import enCommon from '../locales/en/common.json'
import viCommon from '../locales/vi/common.json'
import { SiteFooter } from './components/site-footer'
import { SiteHeader } from './components/site-header'
import { getLng } from './i18n/i18next.server'
import { canEnter, hasRole } from './modules/auth/permissions'
import stylesheet from './styles/app.css'
import { getUser } from './utils/auth.server'
import { useNonce } from './utils/nonce'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: stylesheet },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader(args: LoaderFunctionArgs) {
  const [lng, user] = await Promise.all([getLng(args.request), getUser(args)])
  return {
    lng,
    user: user && {
      fullName: user.fullName,
      kind: user.kind,
      areas: {
        officer: canEnter(user, 'officer'),
        finance: canEnter(user, 'finance'),
        admin: canEnter(user, 'admin'),
        dashboard: hasRole(user, 'approver') || hasRole(user, 'admin'),
      },
    },
  }
}

// The header depends on the user and language only: re-read them after a form post or a language change.
export const shouldRevalidate: ShouldRevalidateFunction = ({
  formMethod,
  currentUrl,
  nextUrl,
  defaultShouldRevalidate,
}) =>
  (formMethod !== undefined && formMethod !== 'GET') ||
  currentUrl.searchParams.get('lng') !== nextUrl.searchParams.get('lng')
    ? defaultShouldRevalidate
    : false

/** Only the error case: every page route sets its own title. */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  const lng = data?.lng ?? 'vi'
  // The common namespace alone (the browser has only its page's language in i18next; this runs there too).
  const common = lng === 'en' ? enCommon : viCommon
  const status = isRouteErrorResponse(error) ? error.status : 500
  const kind =
    errorKinds[(status in errorKinds ? status : status >= 500 ? 500 : 400) as keyof typeof errorKinds]
  const key = kind[0].split('.')[1] as keyof typeof common.errors
  return [{ title: `${common.errors[key]} – ${common.meta.titleSuffix}` }]
}

export type RootData = Awaited<ReturnType<typeof loader>>

const zodJitless = 'globalThis.__zod_globalConfig={jitless:true}'

/**
 * After a client-side navigation the page is new but focus is not: it stays on the link or button that was
 * pressed (or falls to <body> with the browser's Tab starting point left mid-page), so the next Tab goes on
 * from the old page. Unless the new page has moved focus itself (the error summary does), start again from the
 * top of the document, as a full page load would: the first Tab then reaches the skip link.
 */
function useFocusResetOnNavigation() {
  const location = useLocation()
  const navigation = useNavigation()
  const pressed = useRef<Element | null>(null)
  const first = useRef(true)
  useEffect(() => {
    if (navigation.state !== 'idle') pressed.current ??= document.activeElement
  }, [navigation.state])
  useEffect(() => {
    const before = pressed.current
    pressed.current = null
    if (first.current) {
      first.current = false
      return
    }
    if (location.hash) return
    const active = document.activeElement
    if (active && active !== document.body && active !== before) return
    const body = document.body
    body.tabIndex = -1
    body.focus({ preventScroll: true })
    body.removeAttribute('tabindex')
  }, [location.key, location.hash])
}

export function Layout({ children }: { children: ReactNode }) {
  useFocusResetOnNavigation()
  const data = useRouteLoaderData<typeof loader>('root')
  const { i18n, t } = useTranslation()
  const lng = data?.lng ?? (i18n.language === 'en' ? 'en' : 'vi')
  useChangeLanguage(lng)
  const nonce = useNonce()
  return (
    // data-translations: which translation chunks the browser loads before hydrating (entry.client.tsx); the
    // staff areas' only for a signed-in staff member.
    <html lang={lng} dir="ltr" data-translations={data?.user?.kind === 'staff' ? 'staff' : undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <Meta />
        <Links />
        {/* Before any module: zod 4 would probe `new Function('')` when it builds its first object schema, which
            our CSP (no 'unsafe-eval') refuses and reports on every page; its interpreter is enough for our forms. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: zodJitless }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          {t('skipLink')}
        </a>
        <SiteHeader user={data?.user ?? null} lng={lng} />
        <main id="main" className="main" tabIndex={-1}>
          <div className="container">{children}</div>
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {/* npm run dev only (renders nothing in a production build): reloads the page after a rebuild. */}
        <LiveReload nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

export function ErrorBoundary() {
  const error = useRouteError()
  const status = isRouteErrorResponse(error) ? error.status : 500
  return <ErrorPage status={status} />
}
