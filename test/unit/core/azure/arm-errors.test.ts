/** How failed reads become problems: 403, 429, timeouts, interaction-required, the pager's lost message. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isInteractionRequired, problemFrom } from '../../../../electron/core/azure/arm-errors';
import { powerStateOf } from '../../../../electron/core/azure/read-compute';
import { jitPortOf } from '../../../../electron/core/azure/read-security';

const place = { tenantId: 't', subscriptionId: 's', subscriptionName: 'S', what: 'virtual machines' };

describe('problemFrom', () => {
  test('403: forbidden, naming the RBAC action; the pager’s "Pagination failed" replaced by words', () => {
    const p = problemFrom(
      {
        name: 'RestError',
        statusCode: 403,
        code: 'AuthorizationFailed',
        message: 'Pagination failed with unexpected statusCode 403',
      },
      { ...place, action: 'Microsoft.Compute/virtualMachines/read' },
    );
    assert.equal(p.kind, 'forbidden');
    assert.equal(p.azureCode, 'AuthorizationFailed');
    assert.match(p.message, /403 \(AuthorizationFailed\) when listing virtual machines/);
    assert.match(p.fix!, /Microsoft\.Compute\/virtualMachines\/read/);
    assert.equal((p as { action?: string }).action, undefined);
  });

  test('429, timeouts, cancellations and other failures', () => {
    assert.equal(problemFrom({ statusCode: 429, message: 'Too many' }, place).kind, 'throttled');
    assert.equal(problemFrom({ name: 'AbortError', message: 'aborted' }, place, true).kind, 'timeout');
    assert.equal(problemFrom({ statusCode: 500, message: 'boom' }, place).kind, 'failed');
  });

  test('interaction required: MSAL’s error, the app’s codes, Entra’s MFA / CA codes', () => {
    for (const e of [
      { name: 'InteractionRequiredAuthError', message: 'x' },
      { code: 'interaction-required', message: 'x' },
      { message: 'AADSTS50076: Due to a configuration change made by your administrator…' },
      { message: 'AADSTS53003: Access has been blocked by Conditional Access policies.' },
    ])
      assert.ok(isInteractionRequired(e), JSON.stringify(e));
    assert.ok(!isInteractionRequired({ statusCode: 403, message: 'nope' }));
    const p = problemFrom(
      { name: 'InteractionRequiredAuthError', message: 'AADSTS50076' },
      { tenantId: 'ten', what: 'the tenant' },
    );
    assert.equal(p.kind, 'needs-sign-in');
    assert.match(p.fix!, /Sign in to tenant ten/);
  });
});

describe('read mapping', () => {
  test('power states from the instance view, any case; unknown otherwise', () => {
    assert.equal(
      powerStateOf([{ code: 'ProvisioningState/succeeded' }, { code: 'PowerState/deallocated' }]),
      'deallocated',
    );
    assert.equal(powerStateOf([{ code: 'powerstate/Running' }]), 'running');
    assert.equal(powerStateOf(undefined), 'unknown');
    assert.equal(powerStateOf([{ code: 'PowerState/hibernated' }]), 'unknown');
  });

  test('JIT ports: one list of allowed sources, `*` for any; a listed policy is marked exact', () => {
    const single = jitPortOf({
      number: 22,
      protocol: 'TCP',
      maxRequestAccessDuration: 'PT3H',
      allowedSourceAddressPrefix: '*',
    });
    assert.deepEqual(single.allowedSources, ['*']);
    assert.equal(single.sourcesExact, undefined);
    assert.deepEqual(
      jitPortOf({
        number: 22,
        protocol: '*',
        maxRequestAccessDuration: 'PT3H',
        allowedSourceAddressPrefixes: ['10.0.0.0/8', '1.2.3.4'],
      }),
      { number: 22, protocol: '*', maxDuration: 'PT3H', allowedSources: ['10.0.0.0/8', '1.2.3.4'], sourcesExact: true },
    );
  });
});
