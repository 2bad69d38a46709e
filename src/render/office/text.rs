//! Markdown written by editors (the period narrative, members' summaries, highlights and plans)
//! as the paragraphs of a Word document: plain text runs with bold and italic, headings, list
//! items. Links keep their text; images, HTML and code are left out of the official document.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// A run of text with its emphasis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
}

impl Span {
    pub fn plain(text: &str) -> Span {
        Span {
            text: text.to_string(),
            bold: false,
            italic: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    /// A list item, shown as `- …`.
    Item,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub spans: Vec<Span>,
}

/// The blocks of a Markdown text, in order; empty blocks are dropped.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut current: Option<Block> = None;
    let (mut bold, mut italic) = (0usize, 0usize);
    let mut in_item = 0usize;
    let mut skip = 0usize;
    let flush = |current: &mut Option<Block>, out: &mut Vec<Block>| {
        if let Some(mut block) = current.take() {
            if let Some(first) = block.spans.first_mut() {
                first.text = first.text.trim_start().to_string();
            }
            if let Some(last) = block.spans.last_mut() {
                last.text = last.text.trim_end().to_string();
            }
            block.spans.retain(|s| !s.text.is_empty());
            if !block.spans.is_empty() {
                out.push(block);
            }
        }
    };
    let push_text =
        |current: &mut Option<Block>, text: &str, bold: bool, italic: bool, item: bool| {
            let block = current.get_or_insert_with(|| Block {
                kind: if item {
                    BlockKind::Item
                } else {
                    BlockKind::Paragraph
                },
                spans: Vec::new(),
            });
            match block.spans.last_mut() {
                Some(last) if last.bold == bold && last.italic == italic => {
                    last.text.push_str(text)
                }
                _ => block.spans.push(Span {
                    text: text.to_string(),
                    bold,
                    italic,
                }),
            }
        };
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Image { .. } | Tag::CodeBlock(_) | Tag::HtmlBlock) => skip += 1,
            Event::End(TagEnd::Image | TagEnd::CodeBlock | TagEnd::HtmlBlock) => {
                skip = skip.saturating_sub(1)
            }
            _ if skip > 0 => {}
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut current, &mut out);
                current = Some(Block {
                    kind: BlockKind::Heading,
                    spans: Vec::new(),
                });
            }
            // A paragraph inside a list item continues the item's block.
            Event::Start(Tag::Paragraph) if in_item == 0 => flush(&mut current, &mut out),
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut out);
                in_item += 1;
                current = Some(Block {
                    kind: BlockKind::Item,
                    spans: Vec::new(),
                });
            }
            Event::End(TagEnd::Item) => {
                flush(&mut current, &mut out);
                in_item = in_item.saturating_sub(1);
            }
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph) if in_item == 0 => {
                flush(&mut current, &mut out)
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            // A character reference decodes to the character (`&#12;` is U+000C), which a
            // .docx must not hold: replaced as in the pages.
            Event::Text(text) | Event::Code(text) => push_text(
                &mut current,
                &crate::hygiene::replace_forbidden(&text),
                bold > 0,
                italic > 0,
                in_item > 0,
            ),
            Event::SoftBreak | Event::HardBreak => {
                push_text(&mut current, " ", bold > 0, italic > 0, in_item > 0)
            }
            _ => {}
        }
    }
    flush(&mut current, &mut out);
    out
}

/// A single-paragraph text (a highlight or a plan) as one list item.
pub fn item(markdown: &str) -> Block {
    let spans = blocks(markdown)
        .into_iter()
        .flat_map(|b| {
            let mut spans = b.spans;
            if let Some(last) = spans.last_mut() {
                last.text.push(' ');
            }
            spans
        })
        .collect::<Vec<_>>();
    let mut block = Block {
        kind: BlockKind::Item,
        spans,
    };
    if let Some(last) = block.spans.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    block
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_headings_items_and_emphasis() {
        let blocks = blocks(
            "Sáng 21/6/2013, Hội\nLuật gia chủ trì.\n\n## Phương hướng\n\n- Phấn đấu **100%** đăng ký\n- Mục *hai*\n\n![ảnh](a.png)\n",
        );
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert_eq!(
            blocks[0].spans,
            vec![Span::plain("Sáng 21/6/2013, Hội Luật gia chủ trì.")]
        );
        assert_eq!(blocks[1].kind, BlockKind::Heading);
        assert_eq!(blocks[2].kind, BlockKind::Item);
        assert_eq!(blocks[2].spans[1].text, "100%");
        assert!(blocks[2].spans[1].bold);
        assert!(blocks[3].spans[1].italic);
    }

    #[test]
    fn an_item_is_one_block() {
        let block = item("Tổ chức **35 hội nghị**\nlấy ý kiến.");
        assert_eq!(block.kind, BlockKind::Item);
        let text: String = block.spans.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "Tổ chức 35 hội nghị lấy ý kiến.");
    }
}
