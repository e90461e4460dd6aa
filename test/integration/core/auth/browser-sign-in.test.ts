/**
 * The interactive flow through Debian's Chromium: the session's Opener drives the browser to the authorize URL, the
 * simulator's page auto-submits (form_post) to MSAL's loopback listener, and the browser ends on the session's own
 * plain local success page. An Opener that cannot open a browser fails the sign-in with a clear error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { Simulator } from '../../../../electron/azure-sim/index';
import { DEMO } from '../../../../electron/azure-sim/seeds/demo';
import { AppError } from '../../../../shared/errors/app-error';
import { launchBrowser, screenshotPath } from '../../../fixtures/browser';
import { jwtClaims } from '../../../fixtures/msal';
import { startTestSim } from '../../../fixtures/sim';
import { simSession } from './session-helpers';

describe('interactive sign-in in Chromium', { timeout: 60_000 }, () => {
  let sim: Simulator;
  let browser: Browser;

  before(async () => {
    sim = await startTestSim();
    browser = await launchBrowser(sim.profile.caCertFile);
  });
  after(async () => {
    await browser?.close();
    await sim?.close();
  });

  test('auth code + PKCE: the Opener opens the page, MSAL redeems the code, ARM tokens follow', async () => {
    let page: Page | undefined;
    const opened: string[] = [];
    const session = await simSession(sim, {
      opener: {
        openUrl: async (url) => {
          opened.push(url);
          page = await browser.newPage();
          await page.goto(url);
        },
      },
    });
    const account = await session.signInInteractive();
    assert.equal(account.username, 'helpdesk@contoso.com');
    assert.equal(account.homeTenantId, DEMO.tenantId);
    const authorize = new URL(opened[0]!);
    assert.equal(authorize.pathname, `/${DEMO.tenantId}/oauth2/v2.0/authorize`);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.match(authorize.searchParams.get('redirect_uri') ?? '', /^http:\/\/localhost:\d+/);
    assert.match(authorize.searchParams.get('claims') ?? '', /cp1/, 'CAE capability in the request');
    await page!.waitForSelector('text=Signed in to JIT Connect');
    assert.equal(await page!.locator('script').count(), 0, 'the local page is plain: no script');
    await page!.screenshot({ path: screenshotPath('core-auth-signed-in.png') });
    await page!.close();
    assert.deepEqual(jwtClaims(await session.armToken()).xms_cc, ['cp1']);
  });

  test('no browser: an Opener that fails makes the sign-in fail with an error, not a hang', async () => {
    const session = await simSession(sim, {
      opener: { openUrl: () => Promise.reject(new Error('no browser here')) },
    });
    await assert.rejects(session.signInInteractive(), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.match(err.message, /Could not open a browser for sign-in: no browser here/);
      assert.match(err.fix ?? '', /device code/);
      return true;
    });
  });

  test('no Opener at all: the error points to the device code', async () => {
    const session = await simSession(sim);
    await assert.rejects(session.signInInteractive(), /No browser can be opened/);
  });
});
