import { useTranslation } from 'react-i18next';
import { TLP_LEVELS, type Tlp } from '../../types.ts';
import { TlpBadge, tlpKey } from '../../components/Badges.tsx';
import { CheckList } from '../../components/form/CheckList.tsx';

const STATES_RELEASABLE = ['TJ', 'AF'] as const;

/** The marking of a new alert: its TLP level and the states it may be released to. */
export function MarkingFieldset({ tlp, onTlp, releasable, onReleasable }: { tlp: Tlp; onTlp: (tlp: Tlp) => void; releasable: string[]; onReleasable: (states: string[]) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="group">
      <legend>{t('alerts.marking')}</legend>
      <div className="tlp-choices" role="radiogroup" aria-label={t('alerts.tlp')}>
        {TLP_LEVELS.map((l) => (
          <label key={l} className={`tlp-choice${tlp === l ? ' tlp-choice-on' : ''}`}>
            <input type="radio" name="tlp" value={l} checked={tlp === l} onChange={() => onTlp(l)} />
            <TlpBadge tlp={l} />
            <span className="tlp-help">{t(`tlpHelp.${tlpKey(l)}`)}</span>
          </label>
        ))}
      </div>
      <div className="releasable">
        <span id="al-rel-label">{t('alerts.releasableTo')}</span>
        <div className="checks" role="group" aria-labelledby="al-rel-label" aria-describedby="al-rel-hint">
          <CheckList name="releasableTo" values={STATES_RELEASABLE} selected={releasable} onChange={onReleasable} label={(s) => t(`country.${s}`)} />
        </div>
        <small id="al-rel-hint" className="muted">
          {t('alerts.releasableHint')}
        </small>
      </div>
    </fieldset>
  );
}
