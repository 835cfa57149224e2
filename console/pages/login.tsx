// Sign-in when the host has [http] auth-enabled: a user's password (basic auth) or a bearer
// token, checked against the API before the console uses them.

import { useState } from 'preact/hooks';
import { Notice } from '../components/notice.js';
import { credentialsAccepted, errorText } from '../lib/api.js';
import { basicHeader, bearerHeader, setCredentials } from '../lib/auth.js';

export function Login() {
  const [mode, setMode] = useState<'password' | 'token'>('password');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const header = mode === 'password' ? basicHeader(username, password) : bearerHeader(token);
    try {
      if (await credentialsAccepted(header)) setCredentials(header);
      else setError('The host refused these credentials.');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="login" aria-labelledby="login-title">
      <h1 id="login-title" tabIndex={-1}>
        Sign in
      </h1>
      <p>This host requires the same credentials as its API ([http] auth-enabled).</p>
      <form onSubmit={submit} class="card">
        <fieldset class="choice">
          <legend>Sign in with</legend>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'password'}
              onChange={() => setMode('password')}
            />{' '}
            a username and password
          </label>
          <label>
            <input
              type="radio"
              name="mode"
              checked={mode === 'token'}
              onChange={() => setMode('token')}
            />{' '}
            a token
          </label>
        </fieldset>
        {mode === 'password' ? (
          <>
            <div class="field">
              <label for="login-user">Username</label>
              <input
                id="login-user"
                autocomplete="username"
                value={username}
                onInput={(e) => setUsername(e.currentTarget.value)}
                required
              />
            </div>
            <div class="field">
              <label for="login-password">Password</label>
              <input
                id="login-password"
                type="password"
                autocomplete="current-password"
                value={password}
                onInput={(e) => setPassword(e.currentTarget.value)}
                required
              />
            </div>
          </>
        ) : (
          <div class="field">
            <label for="login-token">Token</label>
            <input
              id="login-token"
              type="password"
              autocomplete="off"
              value={token}
              onInput={(e) => setToken(e.currentTarget.value)}
              required
            />
          </div>
        )}
        {error && <Notice kind="error">{error}</Notice>}
        <div class="actions">
          <button type="submit" disabled={busy}>
            Sign in
          </button>
        </div>
      </form>
    </section>
  );
}
