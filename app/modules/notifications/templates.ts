/**
 * The e-mails a citizen receives about a dossier, rendered to plain text in the recipient's language from the
 * `email` namespace of `locales/`. Pure: no database, no environment (the worker supplies names and the link).
 */
import { createInstance, type TFunction } from 'i18next'
import { supportedLngs, type Lng } from '../../i18n/config'
import { resources } from '../../i18n/resources'
import { formatDate, formatDateTime, formatMoney } from '../../utils/format'

export const notificationKinds = [
  'submitted',
  'received',
  'supplement_requested',
  'result_ready',
  'apology',
] as const
export type NotificationKind = (typeof notificationKinds)[number]

/** What every letter names: who it is for and which dossier it is about. */
export interface Letter {
  lng: Lng
  recipientName: string
  dossierCode: string
  procedureName: string
  agencyName: string
  /** absolute address of the dossier's page, e.g. https://dichvucong.example.gov.vn/dossiers/STP-261128-0001 */
  link: string
}

/** What each kind says beyond the letter. Dates are instants or 'yyyy-mm-dd' calendar days. */
export type LetterDetails =
  | { kind: 'submitted'; submittedAt: Date | string; feeDue: number | null }
  | { kind: 'received'; appointmentAt: Date | string }
  | { kind: 'supplement_requested'; items: { name: string; reason: string }[] }
  | { kind: 'result_ready'; delivery: 'online' | 'counter' | 'post' | null }
  | { kind: 'apology'; newAppointmentAt: Date | string; reason: string | null }

export interface RenderedEmail {
  subject: string
  text: string
}

// One instance per language, initialised once (synchronously: the resources are bundled). Plain text: no escaping.
const translators = Object.fromEntries(
  supportedLngs.map((lng) => {
    const instance = createInstance()
    void instance.init({
      lng,
      fallbackLng: false,
      resources: { [lng]: { email: resources[lng].email } },
      ns: ['email'],
      defaultNS: 'email',
      interpolation: { escapeValue: false },
      initImmediate: false,
    })
    return [lng, instance.getFixedT(lng, 'email')]
  }),
) as Record<Lng, TFunction>

/** The e-mail for one notification, in `letter.lng`. */
export function renderNotification(letter: Letter, details: LetterDetails): RenderedEmail {
  const t = translators[letter.lng]
  const { lng } = letter
  const code = letter.dossierCode
  const identity = [
    t('letter.code', { code }),
    t('letter.procedure', { procedure: letter.procedureName }),
    t('letter.agency', { agency: letter.agencyName }),
  ].join('\n')
  const follow = t('letter.follow', { link: letter.link })

  let paragraphs: string[]
  switch (details.kind) {
    case 'submitted':
      paragraphs = [
        t('submitted.intro', { at: formatDateTime(details.submittedAt, lng) }),
        identity,
        details.feeDue ? t('submitted.feeDue', { amount: formatMoney(details.feeDue, lng) }) : '',
        t('submitted.next'),
        follow,
      ]
      break
    case 'received':
      paragraphs = [
        t('received.intro', { agency: letter.agencyName }),
        identity,
        t('received.appointment', { date: formatDate(details.appointmentAt, lng) }),
        follow,
      ]
      break
    case 'supplement_requested':
      paragraphs = [
        identity,
        [
          t('supplement_requested.intro'),
          ...details.items.map((item) => t('supplement_requested.item', item)),
        ].join('\n'),
        t('supplement_requested.next', { link: letter.link }),
        t('supplement_requested.paused'),
      ]
      break
    case 'result_ready':
      paragraphs = [
        t('result_ready.intro'),
        identity,
        details.delivery === 'counter'
          ? t('result_ready.counter', { agency: letter.agencyName })
          : details.delivery === 'post'
            ? `${t('result_ready.post')}\n${follow}`
            : t('result_ready.online', { link: letter.link }),
      ]
      break
    case 'apology':
      paragraphs = [
        t('apology.intro', { agency: letter.agencyName }),
        identity,
        [
          details.reason ? t('apology.reason', { reason: details.reason }) : '',
          t('apology.newDate', { date: formatDate(details.newAppointmentAt, lng) }),
        ]
          .filter(Boolean)
          .join('\n'),
        t('apology.closing'),
        follow,
      ]
      break
  }

  const text = [
    t('letter.greeting', { name: letter.recipientName }),
    ...paragraphs.filter(Boolean),
    t('letter.signature'),
    `--\n${t('letter.automatic')}`,
  ].join('\n\n')
  return {
    subject: `${t('letter.subjectPrefix')} ${t(`${details.kind}.subject`, { code })}`,
    text: `${text}\n`,
  }
}

/** The letters about an account rather than a dossier (registration, security review hole 6). */
export type AccountLetterDetails =
  /** the registration letter: the link activates the account (it expires after `hours`) */
  | { kind: 'account_confirm'; link: string; hours: number }
  /**
   * someone tried to register with this account's e-mail address or citizen id: nothing was created; `link`
   * is the sign-in page
   */
  | { kind: 'account_exists'; by: 'email' | 'citizenId'; link: string }

/** An account letter in `lng`, plain text like the dossier letters. */
export function renderAccountLetter(
  lng: Lng,
  recipientName: string,
  details: AccountLetterDetails,
): RenderedEmail {
  const t = translators[lng]
  const paragraphs =
    details.kind === 'account_confirm'
      ? [
          t('account_confirm.intro'),
          t('account_confirm.link', { link: details.link }),
          t('account_confirm.expires', { count: details.hours }),
          t('account_confirm.notYou'),
        ]
      : [
          t(details.by === 'email' ? 'account_exists.introEmail' : 'account_exists.introCitizenId'),
          t('account_exists.nothingChanged'),
          t('account_exists.signIn', { link: details.link }),
          t('account_exists.notYou'),
        ]
  const text = [
    t('letter.greeting', { name: recipientName }),
    ...paragraphs,
    t('letter.signature'),
    `--\n${t('letter.automatic')}`,
  ].join('\n\n')
  return { subject: `${t('letter.subjectPrefix')} ${t(`${details.kind}.subject`)}`, text: `${text}\n` }
}
