#include "ugc/manifest/yaml_shape.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

#include "ugc/manifest/limits.hpp"

namespace ugc::manifest {
namespace {

// Thrown out of the event handler to stop the parser as soon as the shape is
// known to be refused; yaml-cpp unwinds its own state cleanly.
struct ShapeScanStop {};

class ShapeCounter : public YAML::EventHandler {
 public:
  explicit ShapeCounter(YamlShape& shape) : shape_(shape) {}

  void OnDocumentStart(const YAML::Mark& mark) override {
    if (++shape_.documents > 1) stop_at(mark);
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { value(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    ++shape_.aliases;
    value(mark);
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string&) override {
    value(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    open(mark);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(mark);
  }
  void OnMapEnd() override { --depth_; }

 private:
  void open(const YAML::Mark& mark) {
    value(mark);
    ++depth_;
  }
  void value(const YAML::Mark& mark) {
    ++shape_.nodes;
    shape_.max_depth = std::max(shape_.max_depth, depth_);
    if (shape_.nodes > kMaxNodes) trip(ShapeLimit::too_many_nodes, mark);
    if (depth_ > kMaxNestingDepth) trip(ShapeLimit::too_deep, mark);
  }
  void trip(ShapeLimit limit, const YAML::Mark& mark) {
    shape_.tripped = limit;
    stop_at(mark);
  }
  void stop_at(const YAML::Mark& mark) {
    shape_.line = mark.line + 1;
    shape_.column = mark.column + 1;
    throw ShapeScanStop{};
  }

  YamlShape& shape_;
  int depth_ = 0;
};

}  // namespace

YamlShape scan_yaml_shape(const std::string& text) {
  YamlShape shape;
  ShapeCounter counter(shape);
  try {
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    // Two documents at most: yaml-cpp 0.7 yields endless empty documents on
    // some broken streams (`{a: 1} "x", y`).
    for (int n = 0; n < 2 && parser.HandleNextDocument(counter); ++n) {
    }
  } catch (const ShapeScanStop&) {
  } catch (const YAML::Exception& e) {
    shape.line = e.mark.is_null() ? 1 : e.mark.line + 1;
    shape.column = e.mark.is_null() ? 1 : e.mark.column + 1;
    shape.syntax_error = e.msg;
  } catch (const std::exception& e) {
    shape.line = 1;
    shape.column = 1;
    shape.syntax_error = e.what();
  }
  return shape;
}

bool may_skip_shape_scan(const std::string& text) {
  std::size_t values = 1;  // an upper bound: the top value and those the indicators introduce
  bool content_seen = false;  // anything but blank, comment and directive lines
  bool comment_line = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 0 || text[i - 1] == '\n') {
      const bool marker = text.compare(i, 3, "---") == 0 || text.compare(i, 3, "...") == 0;
      if (marker && (content_seen || c == '.')) return false;
      comment_line = c == '#' || c == '%';
    }
    if (!comment_line && c != ' ' && c != '\t' && c != '\r' && c != '\n') content_seen = true;
    if (c == ':' || c == ',' || c == '{' || c == '?') values += 2;
    if (c == '[' || c == '-') values += 1;
  }
  return values <= kMaxUnscannedNodes;
}

}  // namespace ugc::manifest
