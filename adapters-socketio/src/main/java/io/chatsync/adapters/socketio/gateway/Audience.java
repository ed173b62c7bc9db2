package io.chatsync.adapters.socketio.gateway;

/** Whom a port serves: staff (the dashboard, legacy port 3000) or students (the app, legacy port 3002). */
public enum Audience {
    STAFF,
    STUDENTS
}
