/**
 * Sign-in in a real browser: MSAL Node's interactive flow opens the simulator's authorize page in Debian's Chromium,
 * whose auto-submitting form_post (allowed by the page's strict CSP) lands on MSAL's loopback listener. Also the
 * device-code page a person uses when approval is held, and that a browser without the CA refuses the simulator.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { PublicClientApplication } from '@azure/msal-node';
import type { Simulator } from '../../../electron/azure-sim/index';
import { caNetworkClient } from '../../fixtures/msal';
import { launchBrowser, screenshotPath } from '../../fixtures/browser';
import { control, simFetch, startTestSim } from '../../fixtures/sim';
import { until } from '../../fixtures/wait';

describe('sign-in in Chromium', () => {
  let sim: Simulator;
  let browser: Browser;
  let pca: PublicClientApplication;

  before(async () => {
    sim = await startTestSim();
    browser = await launchBrowser(sim.profile.caCertFile);
    const ca = readFileSync(sim.profile.caCertFile, 'utf8');
    pca = new PublicClientApplication({
      auth: {
        clientId: sim.profile.clientId,
        authority: `${sim.profile.authorityHost}/${sim.profile.tenantId}`,
        knownAuthorities: [new URL(sim.baseUrl).host],
      },
      system: { networkClient: caNetworkClient(ca) },
    });
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
  });

  test(
    'auth code + PKCE: the authorize page auto-submits to MSAL, which gets a token ARM accepts',
    { timeout: 30_000 },
    async () => {
      const page = await browser.newPage();
      const cspViolations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
      });
      const result = await pca.acquireTokenInteractive({
        scopes: [`${sim.profile.armEndpoint}/.default`],
        openBrowser: async (url) => {
          await page.goto(url);
        },
        successTemplate: '<h1>Signed in to JIT Connect</h1><p>You can close this window.</p>',
      });
      assert.equal(result.account?.username, 'helpdesk@contoso.com');
      await page.waitForSelector('text=Signed in to JIT Connect');
      assert.match(page.url(), /^http:\/\/localhost:\d+\//, 'the browser ended on MSAL’s loopback redirect');
      assert.deepEqual(cspViolations, [], 'the auto-submit script runs under the strict CSP');
      await page.screenshot({ path: screenshotPath('entra-signed-in.png') });
      const arm = await simFetch(sim, '/subscriptions?api-version=2022-12-01', { token: result.accessToken });
      assert.equal(arm.status, 200);
      await page.close();
    },
  );

  test(
    'device code held: a person approves it on the verification page, and MSAL gets the token',
    { timeout: 30_000 },
    async () => {
      await control(sim, '/settings', { deviceCode: 'hold', signInAs: 'colleague' });
      const consoleErrors: string[] = [];
      let pageResult = '';
      try {
        let message = '';
        const pending = pca.acquireTokenByDeviceCode({
          scopes: [`${sim.profile.armEndpoint}/.default`],
          deviceCodeCallback: (r) => {
            message = r.message;
            void (async () => {
              const page = await browser.newPage();
              page.on('console', (m) => {
                if (m.type() === 'error') consoleErrors.push(m.text());
              });
              await page.goto(r.verificationUri);
              await page.fill('input[name="otc"]', r.userCode);
              await page.screenshot({ path: screenshotPath('entra-device-code.png') });
              await page.click('button[value="approve"]');
              await page.waitForLoadState();
              pageResult = (await page.textContent('[role="status"]')) ?? '';
              await page.screenshot({ path: screenshotPath('entra-device-code-approved.png') });
              await page.close();
            })().catch((err: unknown) => (pageResult = `page failed: ${String(err)}`));
          },
        });
        const result = await pending;
        assert.ok(result);
        assert.match(message, /enter the code [A-Z0-9-]+/i);
        assert.equal(result.account?.username, 'colleague@contoso.com');
        await until('the page to show the outcome', () => pageResult || undefined);
        assert.match(pageResult, /Done: Signed in as colleague/);
        assert.deepEqual(consoleErrors, [], 'the page has no script or form errors');
      } finally {
        await control(sim, '/settings', { deviceCode: 'approve', signInAs: 'helpdesk' });
      }
    },
  );

  test(
    'a browser that does not trust the simulator CA refuses its pages (verification is really on)',
    { timeout: 30_000 },
    async () => {
      const untrusting = await launchBrowser();
      try {
        const page = await untrusting.newPage();
        await assert.rejects(
          page.goto(`${sim.baseUrl}/${sim.profile.tenantId}/v2.0/.well-known/openid-configuration`),
          /ERR_CERT_AUTHORITY_INVALID/,
        );
      } finally {
        await untrusting.close();
      }
    },
  );
});
