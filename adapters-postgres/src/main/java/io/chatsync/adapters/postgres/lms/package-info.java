/** What a site's LMS database brought with it that chatsync must know of: its rows' own columns and time zone, and the legacy guide's own triggers. */
@NamedInterface("lms")
@NullMarked
package io.chatsync.adapters.postgres.lms;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
