import type { Block, FormDocument } from '../modules/officer/circular-forms'
import { MOTTO, NATION } from '../modules/officer/circular-forms'

/**
 * A form of Circular 01/2018/TT-VPCP on screen and on paper (the print stylesheet in app.css, "Printable
 * forms", sets A4 and drops the portal's chrome). Draws the document model of modules/officer/circular-forms.ts,
 * the same one the PDF draws. The form is Vietnamese in both languages: `lang="vi"` tells assistive technology.
 */
export function CircularFormView({ doc }: { doc: FormDocument }) {
  return (
    <article
      className={`print-form${doc.landscape ? ' print-form--landscape' : ''}`}
      aria-labelledby="print-form-title"
      lang="vi"
    >
      {doc.blocks.map((b, i) => (
        <BlockView key={i} b={b} />
      ))}
    </article>
  )
}

function BlockView({ b }: { b: Block }) {
  switch (b.kind) {
    case 'head':
      return (
        <div className="print-form__head">
          <div>
            {b.left.map((l, i) => (
              <p key={i} className={l.strong ? 'print-form__agency' : undefined}>
                {l.text}
              </p>
            ))}
          </div>
          <div>
            <p className="print-form__agency">{NATION}</p>
            <p className="print-form__motto">{MOTTO}</p>
            <p>
              <em>{b.dated}</em>
            </p>
          </div>
        </div>
      )
    case 'title':
      return (
        <>
          <h1 id="print-form-title" className="print-form__title">
            {b.text}
          </h1>
          {b.sub.map((s) => (
            <p key={s} className="print-form__sub">
              {s}
            </p>
          ))}
        </>
      )
    case 'line':
      return (
        <p>
          {`${b.label}: `}
          <strong>{b.value}</strong>
        </p>
      )
    case 'para':
      return <p>{b.strong ? <strong>{b.text}</strong> : b.text}</p>
    case 'quote':
      return <p className="print-form__reason">{b.text}</p>
    case 'note':
      return <p className="print-form__note">{b.text}</p>
    case 'table':
      return (
        <table className="table print-form__table">
          <thead>
            <tr>
              {b.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {b.rows.map((r, i) => (
              <tr key={i}>
                {r.map((c, j) => (
                  <td key={j}>{c}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )
    case 'qr':
      return (
        <div className="print-form__qr">
          {/* Our own SVG (qrcode, from our own URL): safe to inline. */}
          <div
            className="print-form__qr-code"
            role="img"
            aria-label={b.url}
            dangerouslySetInnerHTML={{ __html: b.svg }}
          />
          <p>{b.text}</p>
        </div>
      )
    case 'signatures':
      return (
        <div className={`print-form__signatures print-form__signatures--${b.signers.length}`}>
          {b.signers.map((s) => (
            <div key={s.title}>
              <p className="print-form__signer">{s.title}</p>
              <p className="print-form__sign-hint">{s.hint}</p>
              <p className="print-form__name">{s.name}</p>
            </div>
          ))}
        </div>
      )
  }
}
