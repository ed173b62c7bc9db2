package io.chatsync.application.access;

import io.chatsync.domain.thread.Participant;
import java.util.List;

/** Where cut-offs are kept, shared by every node. */
public interface CutOffsPort {

    /** Cuts {@code user} off now; cutting off again moves the time forward. */
    CutOff cutOff(Participant user);

    /** @return whether {@code user} was cut off */
    boolean lift(Participant user);

    /** Every cut-off in force. */
    List<CutOff> all();
}
