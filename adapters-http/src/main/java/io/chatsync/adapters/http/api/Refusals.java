package io.chatsync.adapters.http.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The statuses an endpoint refuses with, as problem details; {@link ApiDescription} documents each with the one
 * description the API has for it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface Refusals {

    int[] value();
}
