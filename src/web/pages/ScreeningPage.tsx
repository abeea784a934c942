import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { parseBirthDate } from '../i18n/dateInput.ts';
import { formatGregorian, toPersianDigits } from '../i18n/dates.ts';
import { can } from '../permissions.ts';
import { COUNTRY_CODES, type DecisionAnswer, type HitDecision, type ScreeningHit, type ScreeningResult, type User } from '../types.ts';
import { formatNumber, formatPercent, useLocale } from '../util.ts';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { ActionBadge, ShareBar, TlpBadge } from '../components/Badges.tsx';
import { FalsePositiveReview } from './screening/FalsePositiveReview.tsx';
import { HitReportForm } from './screening/HitReportForm.tsx';
import { HitReports } from './screening/HitReports.tsx';
import { ScreeningHistory } from './screening/ScreeningHistory.tsx';

type Mode = 'person' | 'vehicle';

export function ScreeningPage({ user }: { user: User }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [mode, setMode] = useState<Mode>('person');
  const [name, setName] = useState('');
  const [birth, setBirth] = useState('');
  const [nationality, setNationality] = useState('');
  const [documentNo, setDocumentNo] = useState('');
  const [plate, setPlate] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState(false);
  const [invalidBirth, setInvalidBirth] = useState(false);
  const [result, setResult] = useState<ScreeningResult | null>(null);
  // Whether the screened query named a full birth date or a document: a false positive needs one.
  const [identified, setIdentified] = useState(false);

  // Dari and Pashto users may type a Solar Hijri date; everyone may type a Gregorian one.
  const acceptSolar = loc.lang === 'fa' || loc.lang === 'ps';
  const parsedBirth = birth.trim() ? parseBirthDate(birth, acceptSolar) : null;
  const birthInvalid = parsedBirth !== null && !parsedBirth.ok;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const body: Record<string, string> = {};
    if (mode === 'person') {
      if (name.trim()) body.name = name.trim();
      if (documentNo.trim()) body.document = documentNo.trim();
      if (parsedBirth?.ok) body.birthDate = parsedBirth.value;
      if (nationality) body.nationality = nationality;
    } else if (plate.trim()) {
      body.plate = plate.trim();
    }
    setMissing(false);
    setInvalidBirth(false);
    setError(null);
    if (!body.name && !body.document && !body.plate) {
      setMissing(true);
      return;
    }
    // an invalid birth date blocks a person search only, and says so (the vehicle form has none)
    if (mode === 'person' && birthInvalid) {
      setInvalidBirth(true);
      return;
    }
    setBusy(true);
    try {
      setResult(await api.post<ScreeningResult>(`/api/screen?locale=${loc.lang}`, body));
      setIdentified(Boolean(body.document) || /^\d{4}-\d{2}-\d{2}$/.test(body.birthDate ?? ''));
    } catch (err) {
      setError(err);
      setResult(null);
    } finally {
      setBusy(false);
    }
  }

  function clear() {
    setName('');
    setBirth('');
    setNationality('');
    setDocumentNo('');
    setPlate('');
    setResult(null);
    setError(null);
    setMissing(false);
  }

  return (
    <main className="content-page screening-page" data-testid="screening-page">
      <h1>{t('screen.title')}</h1>
      <form className="card screen-form" onSubmit={submit} data-testid="screen-form" noValidate>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t('screen.what')}</legend>
          {(['person', 'vehicle'] as const).map((m) => (
            <label key={m} className={mode === m ? 'segment segment-on' : 'segment'}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} data-testid={`screen-mode-${m}`} />
              {t(`screen.${m}`)}
            </label>
          ))}
        </fieldset>
        {mode === 'person' ? (
          <div className="screen-grid">
            <div className="field field-wide">
              <label htmlFor="sc-name">{t('screen.name')}</label>
              <input
                id="sc-name"
                name="name"
                data-testid="screen-name"
                autoFocus
                autoComplete="off"
                spellCheck={false}
                dir="auto"
                placeholder={t('screen.namePlaceholder')}
                value={name}
                onChange={(e) => setName(e.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="sc-birth">{t('screen.birthDate')}</label>
              <input
                id="sc-birth"
                name="birthDate"
                data-testid="screen-birthdate"
                dir="ltr"
                inputMode="numeric"
                autoComplete="off"
                aria-invalid={birthInvalid ? true : undefined}
                aria-describedby="sc-birth-hint"
                value={birth}
                onChange={(e) => setBirth(e.target.value)}
              />
              <small id="sc-birth-hint" className={birthInvalid ? 'field-error' : 'muted'} data-testid="screen-birthdate-hint">
                {birthInvalid
                  ? t('screen.birthDateInvalid')
                  : parsedBirth?.ok && parsedBirth.calendar === 'solar' && parsedBirth.day
                    ? t('screen.birthDateGregorian', { date: formatGregorian(new Date(parsedBirth.day.year, parsedBirth.day.month - 1, parsedBirth.day.day), loc.lang) })
                    : parsedBirth?.ok && parsedBirth.calendar === 'solar'
                      ? t('screen.birthDateGregorian', { date: toPersianDigits(parsedBirth.value) })
                      : acceptSolar
                        ? t('screen.birthDateHintSolar')
                        : t('screen.birthDateHint')}
              </small>
            </div>
            <div className="field">
              <label htmlFor="sc-nat">{t('screen.nationality')}</label>
              <select id="sc-nat" name="nationality" data-testid="screen-nationality" value={nationality} onChange={(e) => setNationality(e.target.value)}>
                <option value="">{t('screen.anyNationality')}</option>
                {COUNTRY_CODES.map((c) => (
                  <option key={c} value={c}>
                    {t(`country.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="sc-doc">{t('screen.document')}</label>
              <input id="sc-doc" name="document" data-testid="screen-document" dir="ltr" autoComplete="off" spellCheck={false} value={documentNo} onChange={(e) => setDocumentNo(e.target.value)} />
            </div>
          </div>
        ) : (
          <div className="screen-grid">
            <div className="field">
              <label htmlFor="sc-plate">{t('screen.plate')}</label>
              <input id="sc-plate" name="plate" data-testid="screen-plate" dir="ltr" autoFocus autoComplete="off" spellCheck={false} value={plate} onChange={(e) => setPlate(e.target.value)} />
            </div>
          </div>
        )}
        {missing && (
          <p className="alert alert-error" role="alert" data-testid="screen-missing">
            {t('screen.needOne')}
          </p>
        )}
        {invalidBirth && mode === 'person' && (
          <p className="alert alert-error" role="alert" data-testid="screen-invalid">
            {t('screen.birthDateInvalid')}
          </p>
        )}
        <ErrorMessage error={error} testId="screen-error" />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="screen-submit">
            {busy ? t('screen.submitting') : t('screen.submit')}
          </button>
          <button type="button" className="btn" onClick={clear} data-testid="screen-clear">
            {t('screen.clear')}
          </button>
          <small className="muted">{t('screen.keyboardHint')}</small>
        </div>
      </form>
      {result && <Results result={result} canDecide={can(user, 'screening:decide')} canReport={can(user, 'hit_reports:write')} identified={identified} />}
      {can(user, 'screening:review') && <FalsePositiveReview />}
      {can(user, 'hit_reports:read') && <HitReports refresh={result ? Date.parse(result.at) : 0} />}
      {can(user, 'screening:history') && <ScreeningHistory refresh={result ? Date.parse(result.at) : 0} />}
    </main>
  );
}

function Results({ result, canDecide, canReport, identified }: { result: ScreeningResult; canDecide: boolean; canReport: boolean; identified: boolean }) {
  const { t } = useTranslation();
  const { lang } = useLocale();
  return (
    <section className="screen-results" aria-labelledby="results-heading" data-testid="screen-results" data-screening-id={result.id} aria-live="polite">
      <h2 id="results-heading">
        {t('screen.results')}
        {result.hitCount > 0 && <span className="results-count" data-testid="screen-hit-count"> · {t('screen.hitCount', { n: formatNumber(result.hitCount, lang) })}</span>}
        {result.suppressedCount > 0 && (
          <span className="results-count muted" data-testid="screen-suppressed-count"> · {t('screen.suppressedCount', { n: formatNumber(result.suppressedCount, lang) })}</span>
        )}
      </h2>
      {result.hitCount === 0 && (
        <div className="no-hits card" data-testid="screen-no-hits" role="status">
          <span className="no-hits-mark" aria-hidden="true">✓</span>
          <div>
            <strong>{t('screen.noHits')}</strong>
            <p className="muted">{t('screen.noHitsDetail', { threshold: formatPercent(result.threshold, lang) })}</p>
          </div>
        </div>
      )}
      {result.hits.length > 0 && (
        <ol className="hit-list">
          {result.hits.map((h) => (
            // Keyed by screening too: a new screening's card must not keep the last one's decision.
            <li key={`${result.id}:${h.alertId}`}>
              <HitCard hit={h} screeningId={result.id} canDecide={canDecide} canReport={canReport} identified={identified} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function HitCard({ hit, screeningId, canDecide, canReport, identified }: { hit: ScreeningHit; screeningId: string; canDecide: boolean; canReport: boolean; identified: boolean }) {
  const { t } = useTranslation();
  const loc = useLocale();
  const headingId = useId();
  const [decision, setDecision] = useState<DecisionAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ex = hit.explanation;
  const isPerson = hit.alert.subjectKind === 'person';
  const showReader = isPerson && hit.matchedNameInReaderScript && hit.matchedNameInReaderScript !== hit.matchedName;

  async function decide(d: HitDecision) {
    setBusy(true);
    setError(null);
    try {
      setDecision(await api.post<DecisionAnswer>(`/api/screenings/${encodeURIComponent(screeningId)}/hits/${encodeURIComponent(hit.alertId)}/decision`, { decision: d }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <article
      className={`hit-card card action-edge-${hit.alert.action}${hit.suppressed ? ' hit-suppressed' : ''}`}
      aria-labelledby={headingId}
      data-testid="hit-card"
      data-alert-id={hit.alertId}
      data-score={hit.score}
      data-suppressed={hit.suppressed ? 'true' : 'false'}
    >
      {hit.suppressed && (
        <p className="hit-suppressed-label" data-testid="hit-suppressed" data-false-positive-id={hit.suppressed.falsePositiveId}>
          <strong>{t('screen.suppressedUntil', { date: loc.date(hit.suppressed.expiresAt) })}</strong>
          <span className="muted"> {t('screen.suppressedHelp')}</span>
        </p>
      )}
      <div className="hit-top">
        <ActionBadge action={hit.alert.action} large />
        <div className="hit-score">
          <span className="hit-score-label muted">{t('screen.score')}</span>
          <ShareBar value={hit.score} label={t('screen.score')} testId="score-bar" />
        </div>
        <TlpBadge tlp={hit.alert.tlp} />
      </div>
      <div className="hit-names">
        <div>
          <span className="label muted">{isPerson ? t('screen.listedName') : t(`subjectKind.${hit.alert.subjectKind}`)}</span>
          <h3 id={headingId} className="hit-name" data-testid="hit-listed-name">
            <bdi dir={isPerson ? 'auto' : 'ltr'}>{hit.matchedName}</bdi>
          </h3>
        </div>
        {showReader && (
          <div>
            <span className="label muted">{t('screen.inYourScript')}</span>
            <p className="hit-name hit-name-reader" data-testid="hit-reader-name">
              <bdi dir="auto">{hit.matchedNameInReaderScript}</bdi>
            </p>
          </div>
        )}
      </div>
      <dl className="hit-facts">
        <dt>{t('screen.reason')}</dt>
        <dd data-testid="hit-reason">
          <bdi dir="auto">{hit.alert.reason}</bdi>
        </dd>
        <dt>{t('screen.source')}</dt>
        <dd data-testid="hit-source">
          {hit.alert.source === 'un_sc' && hit.alert.sourceRef ? (
            t('alertSource.unRef', { ref: hit.alert.sourceRef })
          ) : (
            t(`alertSource.${hit.alert.source}`)
          )}
        </dd>
        {hit.person && hit.person.birthDates.length > 0 && (
          <>
            <dt>{t('screen.birthDate')}</dt>
            <dd data-testid="hit-birthdates" dir="ltr">
              {hit.person.birthDates.map((b) => (b.kind === 'exact' ? b.date : b.kind === 'approximate' ? `~${b.year}` : `${b.from}–${b.to}`)).join(', ')}
            </dd>
          </>
        )}
        {hit.person && hit.person.nationalities.length > 0 && (
          <>
            <dt>{t('screen.nationality')}</dt>
            <dd data-testid="hit-nationalities">{hit.person.nationalities.join(', ')}</dd>
          </>
        )}
        {hit.person && hit.person.documents.length > 0 && (
          <>
            <dt>{t('screen.document')}</dt>
            <dd data-testid="hit-documents" dir="ltr">{hit.person.documents.join(', ')}</dd>
          </>
        )}
      </dl>
      <ErrorMessage error={error} testId="decision-error" />
      {decision ? (
        <p className={`decision decision-${decision.decision}`} role="status" data-testid="hit-decision" data-decision={decision.decision}>
          <strong>{decision.decision === 'confirmed' ? t('screen.decidedConfirmed') : t('screen.decidedFalsePositive')}</strong>
          <span className="muted"> · {t('screen.decidedAt', { date: loc.date(decision.decidedAt) })}</span>
          {decision.decision === 'false_positive' && (
            <span className="decision-scope" data-testid="hit-decision-scope">
              {' '}
              {decision.suppression ? t('screen.decidedFalsePositiveUntil', { date: loc.date(decision.suppression.expiresAt) }) : t('screen.falsePositiveOtherState')}
            </span>
          )}
        </p>
      ) : (
        canDecide && (
          <div className="hit-actions">
            <button type="button" className="btn btn-confirm" disabled={busy} onClick={() => void decide('confirmed')} data-testid="hit-confirm">
              {t('screen.confirm')}
            </button>
            {/* A suppressed hit is already a false positive for this traveller: it can only be confirmed. */}
            {!hit.suppressed && (
              <button
                type="button"
                className="btn"
                disabled={busy || !identified}
                aria-describedby={identified ? undefined : `${headingId}-fp-hint`}
                onClick={() => void decide('false_positive')}
                data-testid="hit-false-positive"
              >
                {t('screen.falsePositive')}
              </button>
            )}
            {!hit.suppressed && !identified && (
              <small id={`${headingId}-fp-hint`} className="muted" data-testid="hit-false-positive-hint">
                {t('screen.falsePositiveNeedsIdentifiers')}
              </small>
            )}
          </div>
        )
      )}
      {decision?.decision === 'confirmed' && canReport && <HitReportForm screeningId={screeningId} alertId={hit.alertId} ownerState={hit.alert.ownerState} />}
      {/* the explanation last: opened on a phone it must not push the score or the buttons away */}
      {(ex.parts.length > 0 || ex.adjustments.length > 0) && (
        <details className="hit-explanation" data-testid="hit-explanation">
          <summary>{t('screen.showExplanation')}</summary>
          {ex.parts.length > 0 && (
            <div className="table-scroll">
              <table className="data-table explain-table">
                <thead>
                  <tr>
                    <th scope="col">{t('screen.queryPart')}</th>
                    <th scope="col">{t('screen.listedPart')}</th>
                    <th scope="col">{t('screen.how')}</th>
                    <th scope="col">{t('screen.similarity')}</th>
                  </tr>
                </thead>
                <tbody>
                  {ex.parts.map((p, i) => (
                    <tr key={i} data-testid="explain-row" data-how={p.how}>
                      <td>
                        <bdi dir="auto">{p.query || '—'}</bdi>
                      </td>
                      <td>
                        <bdi dir="auto">{p.entry || '—'}</bdi>
                      </td>
                      <td>{t(`matchHow.${p.how}`, { defaultValue: p.how })}</td>
                      <td>
                        <ShareBar value={p.similarity} label={t('screen.similarity')} size="small" />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h4>{t('screen.adjustments')}</h4>
          {ex.adjustments.length === 0 ? (
            <p className="muted">{t('screen.noAdjustments')}</p>
          ) : (
            <ul className="adjustments">
              {ex.adjustments.map((a, i) => (
                <li key={i} data-testid="adjustment" data-kind={a.kind} data-detail={a.detail}>
                  <span>{t(`adjustment.${a.kind}`, { defaultValue: a.kind })}</span>
                  <span className="adjustment-detail">{t(`adjustmentDetail.${a.detail}`, { defaultValue: a.detail })}</span>
                  <span className={`effect ${a.effect > 0 ? 'effect-up' : a.effect < 0 ? 'effect-down' : ''}`} dir="ltr">
                    {a.effect > 0 ? '+' : a.effect < 0 ? '−' : '±'}
                    {formatNumber(Math.abs(a.effect), loc.lang, 2)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </details>
      )}
    </article>
  );
}
