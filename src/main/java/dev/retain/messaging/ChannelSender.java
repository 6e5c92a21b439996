package dev.retain.messaging;

/** Hands a rendered message to one channel's server or gateway. */
interface ChannelSender {

    Channel channel();

    /** Returns DELIVERED when the receiver confirmed it, SENT when it was only accepted for delivery. */
    DeliveryStatus send(OutgoingMessage message) throws SendFailure;

    /** The dispatch batch on this thread is over: let go of what was kept for it (a connection). */
    default void batchDone() {}
}
