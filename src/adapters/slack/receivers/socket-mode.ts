// Slack over Socket Mode (SLACK_APP_TOKEN): events, commands and clicks arrive on Slack's WebSocket, so the bot needs
// no public URL. Bolt's client opens it with apps.connections.open, acks each envelope, and reconnects after a drop.
import { SocketModeReceiver, type Logger as BoltLogger } from '@slack/bolt';

export function createSocketModeReceiver(options: { appToken: string; apiUrl: string; boltLogger: BoltLogger }): SocketModeReceiver {
  return new SocketModeReceiver({
    appToken: options.appToken,
    logger: options.boltLogger,
    // apps.connections.open is a Web API call like any other: SLACK_API_URL decides where it goes.
    installerOptions: { clientOptions: { slackApiUrl: options.apiUrl } },
  });
}
