/** MSAL errors as the user reads them: what happened and what to run. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { fromMsalError } from '../../../../electron/core/auth/auth-errors';

const aad = (code: number, text: string) => `AADSTS${code}: ${text}\r\nTrace ID: x\r\nCorrelation ID: y`;

test('a revoked or expired refresh token: sign in again', () => {
  const err = fromMsalError(
    new InteractionRequiredAuthError(
      'invalid_grant',
      'corr',
      aad(50173, 'The provided grant has expired due to it being revoked.'),
    ),
    'home',
    'home',
  );
  assert.equal(err.code, 'interaction-required');
  assert.match(err.message, /sign in again/);
  assert.match(err.message, /AADSTS50173: The provided grant has expired/);
  assert.doesNotMatch(err.message, /Trace ID/, 'one line, without the trailer');
  assert.equal(err.fix, 'Sign in again.');
  assert.equal(err.azureCode, 'AADSTS50173');
});

test('a guest tenant that demands MFA or Conditional Access names that tenant and how to sign in to it', () => {
  for (const code of [50076, 50079, 53003, 50158]) {
    const err = fromMsalError(
      new InteractionRequiredAuthError('interaction_required', 'corr', aad(code, 'Due to a configuration change…')),
      'fabrikam-id',
      'contoso-id',
    );
    assert.equal(err.code, 'interaction-required');
    assert.match(err.message, /Tenant fabrikam-id requires its own sign-in/);
    assert.equal(err.fix, 'Sign in to tenant fabrikam-id again.');
  }
});

test('a guest tenant that wants a fresh sign-in (not MFA) says so for that tenant', () => {
  const err = fromMsalError(
    new ServerError('invalid_grant', 'corr', aad(70008, 'expired due to inactivity')),
    'f',
    'c',
  );
  assert.equal(err.code, 'interaction-required');
  assert.match(err.message, /^Tenant f needs you to sign in again/);
});

test('no account, no tokens: not signed in', () => {
  assert.equal(fromMsalError(new AuthError('no_account_in_silent_request', 'corr', 'x')).code, 'not-signed-in');
  assert.equal(fromMsalError(new InteractionRequiredAuthError('no_tokens_found', 'corr', 'x')).code, 'not-signed-in');
});

test('network failures and other errors', () => {
  const net = fromMsalError(new Error('connect ECONNREFUSED 127.0.0.1:1'));
  assert.equal(net.code, 'network');
  assert.match(net.fix ?? '', /HTTPS_PROXY/);
  assert.equal(fromMsalError(new AuthError('network_error', 'corr', 'timed out')).code, 'network');
  const other = fromMsalError(new ServerError('invalid_client', 'corr', aad(700016, 'Application not found')));
  assert.equal(other.code, 'azure-error');
  assert.equal(other.azureCode, 'AADSTS700016');
});
