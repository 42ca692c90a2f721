import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CounterOnlyBadge, LevelBadge, feeText } from '../components/catalogue-bits'
import { SummaryRows } from '../components/forms'
import { getT } from '../i18n/i18next.server'
import { getCounterProcedure, getProcedure } from '../modules/catalogue/catalogue.server'
import { notFound } from '../utils/http-errors.server'
import { pageTitle } from '../utils/meta'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // Open online (with its e-form), or listed for information only (dossiers at the counter).
  const online = await getProcedure(context.db, params.code ?? '')
  const procedure = online
    ? { ...online, form: undefined, online: true as const, agency_address_vi: '', agency_address_en: '' }
    : await getCounterProcedure(context.db, params.code ?? '').then(
        (p) => p && { ...p, online: false as const },
      )
  if (!procedure) throw notFound()
  const { t, lng } = await getT(request, ['catalogue', 'common'])
  return {
    title: lng === 'en' ? procedure.name_en : procedure.name_vi,
    titleSuffix: t('common:meta.titleSuffix'),
    procedure,
  }
}

export const meta: MetaFunction<typeof loader> = pageTitle

export default function ProcedureDetail() {
  const { t, i18n } = useTranslation('catalogue')
  const lng = i18n.language === 'en' ? 'en' : 'vi'
  const { procedure: p } = useLoaderData<typeof loader>()
  const tx = p.texts
  return (
    <article className="procedure">
      <p className="caption">{lng === 'en' ? p.agency_en : p.agency_vi}</p>
      <h1>{lng === 'en' ? p.name_en : p.name_vi}</h1>
      <p>{p.online ? <LevelBadge level={p.level} /> : <CounterOnlyBadge />}</p>
      <p className="lead">{tx.summary[lng]}</p>
      <SummaryRows
        rows={[
          { label: t('labels.code'), value: p.code },
          { label: t('labels.field'), value: lng === 'en' ? p.field_en : p.field_vi },
          { label: t('labels.applicantType'), value: tx.applicantType[lng] },
          { label: t('labels.processing'), value: t('processingDays', { count: p.processing_days }) },
          {
            label: t('labels.fee'),
            value: (
              <>
                {feeText(p.fee_policy, lng, t)}
                {p.fee_policy.note ? <div className="field__hint">{p.fee_policy.note[lng]}</div> : null}
              </>
            ),
          },
        ]}
      />

      {p.online ? (
        <div className="apply-box">
          <a className="button" href={`/procedures/${encodeURIComponent(p.code)}/apply`}>
            {t('apply')}
          </a>
          <p className="field__hint">{t('applyHint')}</p>
          {p.required_identity_level === 2 ? <p className="notice">{t('applyLevel2')}</p> : null}
        </div>
      ) : (
        <div className="apply-box">
          <p>{t('counterBox')}</p>
          <p>
            <strong>{lng === 'en' ? p.agency_en : p.agency_vi}</strong>
            <br />
            {lng === 'en' ? p.agency_address_en : p.agency_address_vi}
          </p>
        </div>
      )}

      <section className="section" aria-labelledby="steps">
        <h2 id="steps">{t('labels.steps')}</h2>
        <p className="pre-line">{tx.steps[lng]}</p>
      </section>

      <section className="section" aria-labelledby="channels">
        <h2 id="channels">{t('labels.channels')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('labels.channel')}</th>
              <th scope="col">{t('labels.time')}</th>
              <th scope="col">{t('labels.channelFee')}</th>
            </tr>
          </thead>
          <tbody>
            {tx.channels.map((c) => (
              <tr key={c.channel}>
                <th scope="row">{t(`channel.${c.channel}`)}</th>
                <td>{c.time[lng]}</td>
                <td>{c.fee[lng]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="section" aria-labelledby="documents">
        <h2 id="documents">{t('labels.documents')}</h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('labels.documentName')}</th>
              <th scope="col">{t('labels.copies')}</th>
              <th scope="col">{t('labels.requiredCol')}</th>
            </tr>
          </thead>
          <tbody>
            {p.documents.map((d) => (
              <tr key={d.key}>
                <td>{d.name[lng]}</td>
                <td>{d.copies[lng]}</td>
                <td>{d.required ? t('labels.required') : t('labels.optional')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="section" aria-labelledby="conditions">
        <h2 id="conditions">{t('labels.conditions')}</h2>
        <p className="pre-line">{tx.conditions[lng]}</p>
      </section>

      <section className="section" aria-labelledby="result">
        <h2 id="result">{t('labels.result')}</h2>
        <p>{tx.result[lng]}</p>
      </section>

      <section className="section" aria-labelledby="legal">
        <h2 id="legal">{t('labels.legalBasis')}</h2>
        <ul>
          {tx.legalBasis.map((b) => (
            <li key={b.vi}>{b[lng]}</li>
          ))}
        </ul>
      </section>
    </article>
  )
}
