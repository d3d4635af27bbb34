/** A frame published on a channel: the encoded JSON and, for a stored message, its target and seq. */
export interface Delivery {
  readonly channel: string;
  readonly frame: string;
  /** Storage key of a stored message (`roomKey` or `dmKey`), with its `seq`. */
  readonly target?: string;
  readonly seq?: number;
}

/**
 * Fan-out between server nodes. A publisher encodes a frame once; every node (this one included)
 * receives it once and hands it to its local members of the channel. In-process now; Redis pub/sub
 * in cluster mode.
 */
export interface Broker {
  publish(delivery: Delivery): void;
  /** Registers the node's receiver; called once at start. */
  onDelivery(receiver: (delivery: Delivery) => void): void;
  close(): Promise<void>;
}
