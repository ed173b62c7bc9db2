package io.chatsync.bootstrap.database;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when neither {@code spring.datasource.url} nor {@code DATABASE_URL} names a database. */
class NoDatabaseConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return !context.getEnvironment().containsProperty("spring.datasource.url")
                && !context.getEnvironment().containsProperty(ChatsyncEnvironment.DATABASE_URL);
    }
}
