/** Who a token says its holder is: LMS JWTs checked with a shared secret or a JWKS, mapped to students and staff. */
@NullMarked
package io.chatsync.bootstrap.identity;

import org.jspecify.annotations.NullMarked;
