//! Which field of a scheme file each line of its text writes, named as the reader's errors
//! name fields (`scheme.sections[0].title`), so that an error at `file:line:col` can be shown
//! at its field of the form and a comment kept with its field when the form rewrites the text.
//! The YAML reader keeps no places, so this follows the block layout a scheme file is written
//! in: keys, `- ` items and their indentation, `|`/`>` blocks. A flow collection (`[…]`,
//! `{…}`) is the field of the key it stands after.

/// The field each line of `text` writes, `""` for a line outside every field (a header
/// comment, a blank line). A comment line belongs to the field of the line after it.
///
/// ```
/// let text = "notice:\n  to:\n  - 各区\n  # 请核对\n  date: 2024-5-6\n";
/// let paths = dossier::app::form::paths::of_lines(text);
/// assert_eq!(paths, ["notice", "notice.to", "notice.to[0]", "notice.date", "notice.date"]);
/// ```
pub fn of_lines(text: &str) -> Vec<String> {
    let mut walk = Walk::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut paths: Vec<String> = lines.iter().map(|line| walk.line(line)).collect();
    let mut next = String::new();
    for (path, line) in paths.iter_mut().zip(lines).rev() {
        if line.trim_start().starts_with('#') {
            path.clone_from(&next);
        } else if !path.is_empty() {
            next.clone_from(path);
        }
    }
    paths
}

/// One open level of the text: a map, a list, or a key or item whose value follows on the
/// lines below.
#[derive(Debug)]
enum Frame {
    Map {
        col: usize,
        path: String,
    },
    List {
        col: usize,
        path: String,
        at: usize,
    },
    Value {
        col: usize,
        path: String,
        block: bool,
    },
}

impl Frame {
    fn col(&self) -> usize {
        match self {
            Frame::Map { col, .. } | Frame::List { col, .. } | Frame::Value { col, .. } => *col,
        }
    }

    /// The path of what is written inside this level.
    fn path(&self) -> String {
        match self {
            Frame::List { path, at, .. } => format!("{path}[{at}]"),
            Frame::Map { path, .. } | Frame::Value { path, .. } => path.clone(),
        }
    }
}

#[derive(Debug, Default)]
struct Walk {
    open: Vec<Frame>,
}

impl Walk {
    fn line(&mut self, line: &str) -> String {
        let body = line.trim_start_matches(' ');
        let col = line.len() - body.len();
        // A `|` or `>` text goes on while its lines are indented past its key.
        if let Some(Frame::Value {
            col: at,
            path,
            block: true,
        }) = self.open.last()
            && (body.trim().is_empty() || col > *at)
        {
            return path.clone();
        }
        if body.trim().is_empty() || body.starts_with('#') {
            return String::new();
        }
        self.content(body, col)
    }

    /// The path of a line's content `body` starting at column `col`.
    fn content(&mut self, body: &str, col: usize) -> String {
        if body == "-" || body.starts_with("- ") {
            return self.item(body, col);
        }
        if let Some((key, value)) = key_of(body) {
            return self.key(key, value, col);
        }
        // A line that goes on with the value above (a text wrapped over lines).
        self.open.last().map(Frame::path).unwrap_or_default()
    }

    fn item(&mut self, body: &str, col: usize) -> String {
        self.close(|f| f.col() > col || matches!(f, Frame::Map { col: c, .. } if *c == col));
        let path = match self.open.last_mut() {
            Some(Frame::List { col: c, at, .. }) if *c == col => {
                *at += 1;
                None
            }
            other => Some(other.map(|f| f.path()).unwrap_or_default()),
        };
        if let Some(path) = path {
            self.open.push(Frame::List { col, path, at: 0 });
        }
        let rest = body[1..].trim_start_matches(' ');
        let inner = col + body.len() - rest.len();
        let here = self.open.last().map(Frame::path).unwrap_or_default();
        if rest.is_empty() || rest.starts_with('#') {
            self.open.push(Frame::Value {
                col: col + 1,
                path: here.clone(),
                block: false,
            });
            return here;
        }
        if rest.starts_with("- ") || key_of(rest).is_some() {
            return self.content(rest, inner);
        }
        here
    }

    fn key(&mut self, key: &str, value: &str, col: usize) -> String {
        self.close(|f| f.col() > col || (f.col() == col && !matches!(f, Frame::Map { .. })));
        let parent = match self.open.last() {
            Some(Frame::Map { col: c, path }) if *c == col => path.clone(),
            other => {
                let path = other.map(|f| f.path()).unwrap_or_default();
                self.open.push(Frame::Map {
                    col,
                    path: path.clone(),
                });
                path
            }
        };
        let path = match parent.as_str() {
            "" => key.to_string(),
            p => format!("{p}.{key}"),
        };
        let value = value.trim();
        let empty = value.is_empty() || value.starts_with('#');
        let block = value.starts_with('|') || value.starts_with('>');
        if empty || block {
            self.open.push(Frame::Value {
                col,
                path: path.clone(),
                block,
            });
        }
        path
    }

    fn close(&mut self, done: impl Fn(&Frame) -> bool) {
        while self.open.last().is_some_and(&done) {
            self.open.pop();
        }
    }
}

/// A line's key and what follows its colon, when it opens with a plain key (`title:`).
fn key_of(body: &str) -> Option<(&str, &str)> {
    let end = body.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let rest = body[end..].strip_prefix(':')?;
    (end > 0 && (rest.is_empty() || rest.starts_with(' '))).then(|| (&body[..end], rest))
}

#[cfg(test)]
mod tests {
    use super::of_lines;

    #[test]
    fn items_keys_and_blocks_get_their_paths() {
        let text = "\
# 由 dossier import 导入
scheme:
  title: 方案
  preamble: |
    第一段
    title: 不是字段

    第二段
  sections:
  - title: 总体要求
    stages:
      - name: 动员
        period: {from: 2024-05-06, to: 2024-05-31}
        steps:
        - 第一步
        -
          text: 第二步
  # 请核对
  - title: 工作要求
tasks:
  file: 表.xlsx
";
        let want = [
            "scheme",
            "scheme",
            "scheme.title",
            "scheme.preamble",
            "scheme.preamble",
            "scheme.preamble",
            "scheme.preamble",
            "scheme.preamble",
            "scheme.sections",
            "scheme.sections[0].title",
            "scheme.sections[0].stages",
            "scheme.sections[0].stages[0].name",
            "scheme.sections[0].stages[0].period",
            "scheme.sections[0].stages[0].steps",
            "scheme.sections[0].stages[0].steps[0]",
            "scheme.sections[0].stages[0].steps[1]",
            "scheme.sections[0].stages[0].steps[1].text",
            "scheme.sections[1].title",
            "scheme.sections[1].title",
            "tasks",
            "tasks.file",
        ];
        assert_eq!(of_lines(text), want);
    }
}
