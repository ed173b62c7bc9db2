/** Where a message enters: posting into a student's thread. */
package io.chatsync.application.posting;
