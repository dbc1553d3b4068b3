package io.tcplens.flow;

/** What a later stage keeps on a conversation; told when the conversation is dropped, so it can give back what it holds. */
public interface ApplicationState {
    void release();
}
