import { createWebhookReceiver } from '../../lib/notify/webhook';
import { describeReceiverContract } from '../helpers/receiver-contract';
import { startWebhookServer } from '../helpers/webhook-server';

// Secrets in every place a generic webhook can carry them: the path, the query, a header, and the signing key.
const PATH_TOKEN = 'pathtoken-8f3a9c1d2e4b';
const QUERY_TOKEN = 'querytoken-71c0ffee42';
const BEARER = 'bearer-5c6d7e8f9a0b';
const SIGNING_SECRET = 'signing-secret-77aa99';

describeReceiverContract('webhook', {
  async start({ logger }) {
    const server = await startWebhookServer();
    const receiver = createWebhookReceiver(
      {
        name: 'hook',
        type: 'webhook',
        url: `${server.url}/hooks/${PATH_TOKEN}?auth=${QUERY_TOKEN}`,
        secret: SIGNING_SECRET,
        sendResolved: true,
        options: { timeout: 1_000, headers: { Authorization: `Bearer ${BEARER}` } },
      },
      { logger },
    );
    return {
      receiver,
      server,
      secrets: [PATH_TOKEN, QUERY_TOKEN, BEARER, SIGNING_SECRET],
      timeoutMs: 1_000,
      close: () => server.close(),
    };
  },
});
