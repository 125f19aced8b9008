package io.wxchat.report;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A thin, indenting front of {@link XMLStreamWriter} that makes every string legal XML 1.0 first
 * (the writer escapes markup but passes control characters and lone surrogates through).
 */
final class XmlOut {
  private final XMLStreamWriter writer;

  XmlOut(XMLStreamWriter writer) throws XMLStreamException {
    this.writer = writer;
    writer.writeStartDocument("UTF-8", "1.0");
  }

  XmlOut start(String element, int depth) throws XMLStreamException {
    writer.writeCharacters("\n" + "  ".repeat(depth));
    writer.writeStartElement(element);
    return this;
  }

  XmlOut attribute(String name, Object value) throws XMLStreamException {
    writer.writeAttribute(name, SafeText.forMarkup(value == null ? "" : value.toString()));
    return this;
  }

  XmlOut text(String text) throws XMLStreamException {
    writer.writeCharacters(SafeText.forMarkup(text));
    return this;
  }

  /** Starts an element without content: attributes may follow, no end. */
  XmlOut empty(String element, int depth) throws XMLStreamException {
    writer.writeCharacters("\n" + "  ".repeat(depth));
    writer.writeEmptyElement(element);
    return this;
  }

  /** Ends an element that holds text. */
  XmlOut end() throws XMLStreamException {
    writer.writeEndElement();
    return this;
  }

  /** Ends an element that holds elements, its end tag on a line of its own. */
  XmlOut endBlock(int depth) throws XMLStreamException {
    writer.writeCharacters("\n" + "  ".repeat(depth));
    writer.writeEndElement();
    return this;
  }

  void finish() throws XMLStreamException {
    writer.writeCharacters("\n");
    writer.writeEndDocument();
    writer.flush();
    writer.close();
  }
}
