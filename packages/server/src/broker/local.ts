import type { Broker, Delivery } from './broker.js';

/** The single-node broker: a publish is delivered to this node's receiver synchronously. */
export class LocalBroker implements Broker {
  private receiver: ((delivery: Delivery) => void) | undefined;

  publish(delivery: Delivery): void {
    this.receiver?.(delivery);
  }

  onDelivery(receiver: (delivery: Delivery) => void): void {
    this.receiver = receiver;
  }

  async close(): Promise<void> {
    this.receiver = undefined;
  }
}
