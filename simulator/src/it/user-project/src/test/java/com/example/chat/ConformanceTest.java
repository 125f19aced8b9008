package com.example.chat;

import io.wxchat.junit.ConformanceTests;
import io.wxchat.scenario.Profile;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

class ConformanceTest {
  @TestFactory
  Stream<DynamicTest> speaks_the_wxchat_protocol() {
    return ConformanceTests.embedded(Profile.OPERATOR).stream();   // or against(URI.create("ws://127.0.0.1:3000/"))
  }
}
