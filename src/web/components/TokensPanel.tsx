import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import type { ListAnswer } from '../types.ts';
import { useLocale } from '../util.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { TextField } from './form/Field.tsx';
import { OkMessage } from './form/OkMessage.tsx';
import { SubmitButton } from './form/SubmitButton.tsx';
import { useApiForm } from './form/useApiForm.ts';
import { TableHead } from './TableHead.tsx';

/** A token as the API lists it (never its secret). */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  expired: boolean;
}

/**
 * A user's API tokens: list, revoke, and create (the secret is shown once, here only).
 * `base` is the collection: `/api/users/:id/tokens` (an administrator, for anyone) or
 * `/api/me/tokens` (one's own, on the profile page).
 */
export function TokensPanel({
  base,
  username,
  title,
  heading: Heading = 'h3',
  onClose,
}: {
  base: string;
  username: string;
  title: string;
  heading?: 'h2' | 'h3';
  onClose?: () => void;
}) {
  const { t } = useTranslation();
  const loc = useLocale();
  const [copied, setCopied] = useState(false);
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const form = useApiForm<{ name: string; secret: string }>();

  const load = useCallback(async () => {
    try {
      setTokens((await api.get<ListAnswer<ApiToken>>(base)).items);
    } catch (e) {
      setListError(e);
    }
  }, [base]);
  useEffect(() => {
    void load();
  }, [load]);

  async function revoke(token: ApiToken) {
    setListError(null);
    try {
      await api.del(`${base}/${encodeURIComponent(token.id)}`);
      setRevoked(token.name);
      await load();
    } catch (e) {
      setListError(e);
    }
  }

  async function copy(value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      /* no clipboard (plain http on another machine): the secret stays selectable */
    }
  }

  const submit = form.onSubmit(async () => {
    setRevoked(null);
    setCopied(false);
    const created = await api.post<{ token: ApiToken; secret: string }>(base, { name, expiresInDays: Number(days) });
    form.succeed({ name: created.token.name, secret: created.secret });
    setName('');
    await load();
  });

  const secret = form.done?.secret;
  return (
    <section className="card tokens-panel" aria-labelledby="tokens-heading" data-testid="tokens-panel" data-username={username}>
      <Heading id="tokens-heading">{title}</Heading>
      <ErrorMessage error={listError} testId="tokens-error" />
      {revoked && <OkMessage testId="token-revoked">{t('tokens.revoked', { name: revoked })}</OkMessage>}
      <div className="table-scroll">
        <table className="data-table" data-testid="tokens-table">
          <TableHead labels={[t('tokens.name'), t('tokens.createdAt'), t('tokens.expiresAt'), t('tokens.lastUsedAt'), t('admin.actions')]} />
          <tbody>
            {tokens?.length === 0 && (
              <tr>
                <td colSpan={5} className="muted">
                  {t('tokens.empty')}
                </td>
              </tr>
            )}
            {tokens?.map((tok) => (
              <tr key={tok.id} data-testid="token-row" data-token-name={tok.name}>
                <td dir="auto">{tok.name}</td>
                <td className="nowrap">{loc.date(tok.createdAt)}</td>
                <td className="nowrap">
                  {loc.date(tok.expiresAt)}
                  {tok.expired && <span className="muted"> ({t('tokens.expired')})</span>}
                </td>
                <td className="nowrap">{tok.lastUsedAt ? loc.date(tok.lastUsedAt) : t('tokens.never')}</td>
                <td>
                  <button type="button" className="btn btn-small" data-testid="revoke-token" onClick={() => void revoke(tok)}>
                    {t('tokens.revoke')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form className="admin-form" onSubmit={submit} data-testid="create-token-form">
        <ErrorMessage error={form.error} testId="create-token-error" labels={{ name: t('tokens.name'), expiresInDays: t('tokens.expiresInDays') }} />
        {form.done && secret && (
          <OkMessage testId="create-token-ok">
            {t('tokens.created', { name: form.done.name })}{' '}
            <output dir="ltr" className="mono token-secret" data-testid="token-secret">
              {form.done.secret}
            </output>{' '}
            {typeof navigator.clipboard?.writeText === 'function' && (
              <button type="button" className="btn btn-small" data-testid="copy-token" onClick={() => void copy(secret)}>
                {copied ? t('tokens.copied') : t('tokens.copy')}
              </button>
            )}
          </OkMessage>
        )}
        <div className="form-grid">
          <TextField id="nt-name" name="name" label={t('tokens.name')} required maxLength={100} autoComplete="off" aria-invalid={form.invalid('name')} value={name} onValueChange={setName} />
          <TextField
            id="nt-days"
            name="expiresInDays"
            label={t('tokens.expiresInDays')}
            type="number"
            min={1}
            max={365}
            step={1}
            dir="ltr"
            required
            aria-describedby="nt-days-hint"
            aria-invalid={form.invalid('expiresInDays')}
            value={days}
            onValueChange={setDays}
          >
            <small id="nt-days-hint" className="muted">
              {t('tokens.expiresHint')}
            </small>
          </TextField>
        </div>
        <SubmitButton busy={form.busy} testId="create-token-submit" label={t('tokens.create')} busyLabel={t('tokens.creating')} />
        {onClose && (
          <button type="button" className="btn" data-testid="close-tokens" onClick={onClose}>
            {t('tokens.close')}
          </button>
        )}
      </form>
    </section>
  );
}
