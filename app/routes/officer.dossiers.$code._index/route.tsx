import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import {
  useActionData,
  useLoaderData,
  useSearchParams,
  type ShouldRevalidateFunction,
} from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { Answers } from '../../components/answers'
import { getLng, getT } from '../../i18n/i18next.server'
import { TransitionNotAllowedError } from '../../modules/dossiers/errors'
import { receiveUpload, type StoredUpload } from '../../modules/files/upload.server'
import {
  CHECK_INTENT,
  inputFieldName,
  inputProblemKey,
  isOfficerIntent,
  messageSchema,
  multipartIntents,
  parseActionForm,
  parseCheckForm,
  RESULT_KEY,
  resultRule,
} from '../../modules/officer/action-forms'
import { performOfficerAction, postMessage } from '../../modules/officer/actions.server'
import { checkDocument } from '../../modules/officer/document-checks.server'
import { getForOfficer, officerDossierRef } from '../../modules/officer/dossier.server'
import { ConflictError, InvalidActionInputError } from '../../modules/workflow/errors'
import { officerResultsView } from '../../modules/results/results.server'
import {
  correctResult,
  CORRECT_INTENT,
  REVOKE_INTENT,
  revokeResult,
} from '../../modules/results/revoke.server'
import { signingRuntime } from '../../modules/signing/runtime.server'
import { SignerError } from '../../modules/signing/signer'
import { requireArea } from '../../utils/auth.server'
import { passActionHeaders } from '../../utils/headers'
import { badRequest, notFound, rethrowAsHttp } from '../../utils/http-errors.server'
import { pageTitle } from '../../utils/meta'
import { acceptText, sizeText, uploadErrorStatus } from '../../utils/upload-errors'
import { parseForm } from '../../utils/validation'
import { ActionPanel } from './action-panel'
import { Documents } from './documents'
import { ResultSection } from './results'
import { DossierSummary, Messages, PrintLinks, Timeline } from './sections'

export async function loader(args: LoaderFunctionArgs) {
  const user = await requireArea(args, 'officer')
  const dossier = await getForOfficer(args.context.db, args.params.code ?? '', user)
  if (!dossier) throw notFound()
  const { t } = await getT(args.request, ['officer', 'common'])
  const results = await officerResultsView(args.context.db, dossier.id)
  const mayRevoke =
    ['result_ready', 'completed'].includes(dossier.status) &&
    dossier.applicant_id !== user.id &&
    user.roles.some((g) => g.agencyId === dossier.agency_id && g.role === 'approver')
  return {
    title: t('title', { code: dossier.code }),
    titleSuffix: t('common:meta.titleSuffix'),
    dossier,
    results: { ...results, mayRevoke },
  }
}

/** What the page shows after a refused post: the form it came from, its errors, and what was typed. */
export interface ActionFeedback {
  intent: string
  conflict?: boolean
  errors: Record<string, string>
  values: Record<string, string>
}
const feedback = (f: ActionFeedback, status: number, headers?: HeadersInit) => data(f, { status, headers })

export async function action(args: ActionFunctionArgs) {
  const user = await requireArea(args, 'officer')
  const { db, storage } = args.context
  const code = args.params.code ?? ''
  // Out of scope first (404, as if the dossier did not exist): nothing of the body is read or stored before.
  if (!(await officerDossierRef(db, code, user))) throw notFound()
  const multipart = (args.request.headers.get('content-type') ?? '').startsWith('multipart/form-data')

  let form: FormData | Record<string, string>
  let upload: StoredUpload | undefined
  if (multipart) {
    try {
      const received = await receiveUpload(args.request, {
        rules: { [RESULT_KEY]: resultRule },
        storage,
        keyPrefix: 'dossiers',
        maxFiles: 1,
      })
      form = received.fields
      upload = received.files[0]
    } catch (error) {
      const mapped = uploadErrorStatus(error)
      if (!mapped) throw error
      const values = {
        size: sizeText(resultRule.maxBytes, await getLng(args.request)),
        types: acceptText(resultRule.accept),
        name: '',
      }
      // Connection: close — the rest of a refused body was never read.
      return feedback(
        {
          intent: 'propose',
          errors: { [RESULT_KEY]: `${mapped.key}|${JSON.stringify(values)}` },
          values: {},
        },
        mapped.status,
        { Connection: 'close' },
      )
    }
  } else {
    form = await args.request.formData()
  }
  const get = (name: string) => {
    const v = form instanceof FormData ? form.get(name) : form[name]
    return typeof v === 'string' ? v : ''
  }
  const intent = get('intent')
  const values: Record<string, string> = {}
  if (form instanceof FormData) {
    for (const [k, v] of form) if (typeof v === 'string' && k !== 'items') values[k] = v
    values.items = form
      .getAll('items')
      .filter((v) => typeof v === 'string')
      .join(' ')
  } else Object.assign(values, form)
  const discard = async () => {
    if (upload) await storage.delete(upload.storageKey).catch(() => {})
  }

  if (intent === 'message' || intent === 'note') {
    await discard() // a message form sends no file; one that did keeps nothing
    const parsed = parseForm(messageSchema, form instanceof FormData ? form : new FormData())
    if (!parsed.ok) return feedback({ intent, errors: parsed.errors as Record<string, string>, values }, 422)
    try {
      await postMessage(db, { code, user, body: parsed.data.body, internal: intent === 'note' })
    } catch (error) {
      rethrowAsHttp(error)
    }
    return redirect(`/officer/dossiers/${code}#${intent === 'note' ? 'notes' : 'messages'}`)
  }

  const version = Number(get('version'))
  if (intent === CHECK_INTENT) {
    if (multipart || !Number.isInteger(version)) {
      await discard()
      throw badRequest()
    }
    const parsed = parseCheckForm(form)
    if (!parsed.ok) return feedback({ intent, errors: parsed.errors, values }, 422)
    try {
      await checkDocument(db, { code, user, expectedVersion: version, ...parsed.value })
    } catch (error) {
      if (error instanceof ConflictError || error instanceof TransitionNotAllowedError)
        return feedback({ intent, conflict: true, errors: {}, values }, 409)
      if (error instanceof InvalidActionInputError)
        return feedback({ intent, errors: { [error.field]: inputProblemKey(error.problem) }, values }, 422)
      rethrowAsHttp(error)
    }
    args.context.logger.info({ event: 'officer_check', code, userId: user.id }, 'document checked')
    return redirect(
      `/officer/dossiers/${code}?done=${intent}&preview=${parsed.value.fileId}#file-${parsed.value.fileId}`,
    )
  }
  if (intent === REVOKE_INTENT || intent === CORRECT_INTENT) {
    if (multipart || !Number.isInteger(version)) {
      await discard()
      throw badRequest()
    }
    const fields: Record<string, string> = {}
    for (const [k, v] of Object.entries(values)) if (k.startsWith('rf_')) fields[k.slice(3)] = v
    const input = {
      code,
      user,
      resultId: get('resultId'),
      reason: get('reason'),
      expectedVersion: version,
      fields,
    }
    try {
      if (intent === REVOKE_INTENT) await revokeResult(db, input)
      else
        await correctResult(
          db,
          { storage, signing: signingRuntime(args.context.env), origin: args.context.origin },
          input,
        )
    } catch (error) {
      if (error instanceof ConflictError || error instanceof TransitionNotAllowedError)
        return feedback({ intent, conflict: true, errors: {}, values }, 409)
      const refused = resultRefusal(error)
      if (refused) return feedback({ intent, errors: refused.errors, values }, refused.status)
      rethrowAsHttp(error)
    }
    args.context.logger.info({ event: 'officer_result', code, intent, userId: user.id }, 'result changed')
    return redirect(`/officer/dossiers/${code}?done=${intent}#results`)
  }
  if (
    !isOfficerIntent(intent) ||
    !Number.isInteger(version) ||
    multipart !== multipartIntents.includes(intent)
  ) {
    await discard()
    throw badRequest()
  }
  const parsed = parseActionForm(intent, form)
  if (!parsed.ok) {
    await discard()
    return feedback({ intent, errors: parsed.errors, values }, 422)
  }
  try {
    await performOfficerAction(db, storage, {
      code,
      user,
      action: intent,
      expectedVersion: version,
      reason: parsed.value.reason,
      data: parsed.value.data,
      upload,
      resultFields: Object.fromEntries(
        Object.entries(values)
          .filter(([k]) => k.startsWith('rf_'))
          .map(([k, v]) => [k.slice(3), v]),
      ),
      signing:
        intent === 'approve'
          ? { signing: signingRuntime(args.context.env), origin: args.context.origin }
          : undefined,
    })
  } catch (error) {
    const refused = resultRefusal(error)
    if (refused) return feedback({ intent, errors: refused.errors, values }, refused.status)
    // InvalidTransitionError extends TransitionNotAllowedError: the status moved on, or a guard no longer holds.
    if (error instanceof ConflictError || error instanceof TransitionNotAllowedError) {
      args.context.logger.info({ event: 'officer_action_conflict', code, intent }, 'dossier changed')
      return feedback({ intent, conflict: true, errors: {}, values }, 409)
    }
    if (error instanceof InvalidActionInputError) {
      const field = inputFieldName(error.field)
      return feedback({ intent, errors: { [field]: inputProblemKey(error.problem) }, values }, 422)
    }
    rethrowAsHttp(error)
  }
  args.context.logger.info({ event: 'officer_action', code, intent, userId: user.id }, 'officer action')
  return redirect(`/officer/dossiers/${code}?done=${intent}`)
}

/** A refusal of the result's steps (signing, the draft, revoking): the message for the form, or null. */
function resultRefusal(error: unknown): { errors: Record<string, string>; status: number } | null {
  if (error instanceof SignerError)
    return { errors: { form: `results:signError.${error.code}` }, status: 503 }
  if (error instanceof InvalidActionInputError) {
    if (error.problem === 'noDraft') return { errors: { form: 'results:errors.noDraft' }, status: 422 }
    if (error.field.startsWith('rf_') || error.action === REVOKE_INTENT || error.action === CORRECT_INTENT) {
      const known = ['required', 'tooLong', 'invalidDate']
      const key = `results:errors.${known.includes(error.problem) ? error.problem : 'invalid'}`
      return { errors: { [error.field === 'resultId' ? 'form' : error.field]: key }, status: 422 }
    }
  }
  return null
}

export const meta: MetaFunction<typeof loader> = pageTitle

// Connection: close after a refused upload: the rest of its body was never read.
export const headers = passActionHeaders(['Connection'])

// After a conflict, show the dossier as it is now (a page posted without JavaScript shows it too).
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus === 409 ? true : defaultShouldRevalidate

export type OfficerPageData = ReturnType<typeof useLoaderData<typeof loader>>['dossier']

export default function OfficerDossierPage() {
  const { t, i18n } = useTranslation('officer')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { dossier: d } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionFeedback | undefined
  const [params] = useSearchParams()
  const done = params.get('done')
  return (
    <>
      <p className="caption">{lng === 'en' ? d.name_en : d.name_vi}</p>
      <h1>{t('title', { code: d.code })}</h1>
      {actionData?.conflict ? (
        <div className="notice notice--warning" role="alert">
          <p>{t('conflict')}</p>
          <p>
            <a href={`/officer/dossiers/${d.code}`}>{t('reload')}</a>
          </p>
        </div>
      ) : done && !actionData ? (
        <div className="notice notice--success" role="status">
          <p>{t(`done.${done}`, { defaultValue: t('done.generic') })}</p>
          {done === 'receive' && d.forms.includes('01') ? (
            <p>
              <a href={`/officer/dossiers/${d.code}/print/01`}>{t('print.form.01')}</a>
            </p>
          ) : null}
        </div>
      ) : null}
      <DossierSummary d={d} />
      {/* The desk: what the officer checks, side by side (stacked on narrow screens), before any action. */}
      <div className="desk">
        <section className="section desk__answers" aria-labelledby="answers">
          <h2 id="answers">{t('answers')}</h2>
          <Answers form={d.form} formData={d.form_data} />
        </section>
        <Documents d={d} feedback={actionData} />
      </div>
      <ActionPanel d={d} feedback={actionData} />
      <ResultSection d={d} feedback={actionData} />
      <PrintLinks d={d} />
      <Timeline d={d} />
      <Messages d={d} feedback={actionData} kind="message" />
      <Messages d={d} feedback={actionData} kind="note" />
    </>
  )
}
