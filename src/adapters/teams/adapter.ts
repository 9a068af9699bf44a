// The SDK's CloudAdapter, with its turn processing exposed so the route (not the SDK) writes the HTTP answer.
import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

export class TeamsCloudAdapter extends CloudAdapter {
  /** Authenticates and runs one turn; returns the invoke response, if the turn set one. Rejects on bad auth. */
  runTurn(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
