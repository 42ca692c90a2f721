import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { getT } from '../i18n/i18next.server'
import { getProcedure } from '../modules/catalogue/catalogue.server'
import { discardDraft, draftFiles } from '../modules/dossiers/attachments.server'
import { findDraft, startDraft } from '../modules/dossiers/drafts.server'
import { mayApply } from '../modules/auth/permissions'
import { forbidden, notFound } from '../utils/http-errors.server'
import { applyPath } from '../utils/paths'
import { requireIdentityLevel, requireSignIn } from '../utils/auth.server'
import { pageTitle } from '../utils/meta'

export async function loader(args: LoaderFunctionArgs) {
  const { user, auth } = await requireSignIn(args)
  const procedure = await getProcedure(args.context.db, args.params.code ?? '')
  if (!procedure) throw notFound()
  const [{ t, lng }, draft] = await Promise.all([
    getT(args.request, ['dossier', 'common']),
    findDraft(args.context.db, user.id, procedure.id),
  ])
  const level = draft?.required_identity_level ?? procedure.required_identity_level
  if (mayApply(user)) requireIdentityLevel(level, auth, procedure.code)
  const name = lng === 'en' ? procedure.name_en : procedure.name_vi
  if (!draft) {
    return {
      title: t('apply.startTitle', { name }),
      titleSuffix: t('common:meta.titleSuffix'),
      code: procedure.code,
      name,
      staffAccount: !mayApply(user),
      tasks: null,
    }
  }
  const { form, documents } = draft
  const uploaded = await draftFiles(args.context.db, { draftId: draft.id, applicantId: user.id })
  const have = new Set(uploaded.map((u) => u.requirement_key))
  const sections = form.sections.map((s) => ({
    key: s.key,
    title: s.title,
    done: draft.sections_done.includes(s.key),
  }))
  const documentsDone = documents.every((d) => !d.required || have.has(d.key))
  const deliveryDone = draft.delivery_method !== null
  return {
    title: t('apply.taskListTitle', { name }),
    titleSuffix: t('common:meta.titleSuffix'),
    code: procedure.code,
    name,
    tasks: {
      sections,
      documentsDone,
      deliveryDone,
      ready: sections.every((s) => s.done) && documentsDone && deliveryDone,
    },
  }
}

export async function action(args: ActionFunctionArgs) {
  const { user, auth } = await requireSignIn(args)
  const procedure = await getProcedure(args.context.db, args.params.code ?? '')
  if (!procedure) throw notFound()
  if (!mayApply(user)) throw forbidden()
  requireIdentityLevel(procedure.required_identity_level, auth, procedure.code)
  const form = await args.request.formData()
  if (form.get('intent') === 'discard') {
    // The draft and its files go; an object it shares with the citizen's store stays (discardDraft).
    const draft = await findDraft(args.context.db, user.id, procedure.id)
    if (draft)
      await discardDraft(args.context.db, args.context.storage, { draftId: draft.id, applicantId: user.id })
    return redirect(`${applyPath(procedure.code)}?discarded=1`)
  }
  await startDraft(args.context.db, user.id, procedure)
  return redirect(applyPath(procedure.code))
}

export const meta: MetaFunction<typeof loader> = pageTitle

function State({ done, blocked }: { done: boolean; blocked?: boolean }) {
  const { t } = useTranslation('dossier')
  if (done) return <strong className="tag tag--done">{t('apply.state.completed')}</strong>
  return (
    <strong className="tag">{blocked ? t('apply.state.cannotStart') : t('apply.state.notStarted')}</strong>
  )
}

export default function ApplyStart() {
  const { t, i18n } = useTranslation('dossier')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const loaded = useLoaderData<typeof loader>()
  const { code, name, tasks } = loaded
  const [params] = useSearchParams()
  const discarded = params.get('discarded') === '1'
  if (!tasks) {
    return (
      <div className="narrow">
        <h1>{t('apply.startTitle', { name })}</h1>
        {discarded ? (
          <p className="notice notice--success" role="status">
            {t('apply.discarded')}
          </p>
        ) : null}
        <p className="lead">{t('apply.startIntro')}</p>
        {'staffAccount' in loaded && loaded.staffAccount ? (
          <p className="notice notice--warning" role="status">
            {t('apply.staffAccount')}
          </p>
        ) : (
          <Form method="post">
            <button type="submit" className="button">
              {t('apply.start')}
            </button>
          </Form>
        )}
      </div>
    )
  }
  const total = tasks.sections.length + 2
  const done =
    tasks.sections.filter((s) => s.done).length + Number(tasks.documentsDone) + Number(tasks.deliveryDone)
  return (
    <div className="narrow">
      <h1>{t('apply.taskListTitle', { name })}</h1>
      <p>{t('apply.taskListIntro')}</p>
      <p className="results-count">{t('apply.progress', { done, total })}</p>
      <h2>{t('apply.sectionsHeading')}</h2>
      <ul className="task-list">
        {tasks.sections.map((s) => (
          <li key={s.key} className="task-list__item">
            <a href={applyPath(code, s.key)} aria-describedby={`state-${s.key}`}>
              {s.title[lng]}
            </a>
            <span id={`state-${s.key}`}>
              <State done={s.done} />
            </span>
          </li>
        ))}
        <li className="task-list__item">
          <a href={applyPath(code, 'documents')} aria-describedby="state-documents">
            {t('apply.documents')}
          </a>
          <span id="state-documents">
            <State done={tasks.documentsDone} />
          </span>
        </li>
        <li className="task-list__item">
          <a href={applyPath(code, 'delivery')} aria-describedby="state-delivery">
            {t('apply.delivery')}
          </a>
          <span id="state-delivery">
            <State done={tasks.deliveryDone} />
          </span>
        </li>
      </ul>
      <h2>{t('apply.check')}</h2>
      <ul className="task-list">
        <li className="task-list__item">
          {tasks.ready ? (
            <a href={applyPath(code, 'check')}>{t('apply.check')}</a>
          ) : (
            <span>{t('apply.check')}</span>
          )}
          <State done={false} blocked={!tasks.ready} />
        </li>
      </ul>
      <details className="discard">
        <summary>{t('apply.discard.summary')}</summary>
        <p>{t('apply.discard.warning')}</p>
        <Form method="post">
          <input type="hidden" name="intent" value="discard" />
          <button type="submit" className="button button--warning">
            {t('apply.discard.submit')}
          </button>
        </Form>
      </details>
    </div>
  )
}
