package dev.agentstream.agent.model;

/** A model the API offers (GET /v1/models): its id and the name Anthropic shows for it. */
public record OfferedModel(String id, String displayName) {}
