#include "agents/solvers/expression.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <set>

namespace leverage::games {

ExpressionError::ExpressionError(std::size_t column_, std::string message)
    : std::runtime_error("column " + std::to_string(column_) + ": " + message), column(column_),
      detail(std::move(message)) {}

struct Expression::Node {
  enum class Kind { number, variable, negate, add, subtract, multiply, divide, power, call };
  Kind kind = Kind::number;
  double value = 0.0;
  std::string name;  // variable or function
  std::size_t column = 1;
  std::vector<std::shared_ptr<const Node>> operands;
};

namespace {

using NodePtr = std::shared_ptr<const Expression::Node>;
using Kind = Expression::Node::Kind;

NodePtr make(Kind kind, std::size_t column, std::vector<NodePtr> operands) {
  auto node = std::make_shared<Expression::Node>();
  node->kind = kind;
  node->column = column;
  node->operands = std::move(operands);
  return node;
}

// Recursive descent over the grammar in expression.hpp. Depth is bounded so a hostile formula of a
// million parentheses cannot overflow the stack.
class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  NodePtr parse_all() {
    NodePtr result = expression();
    skip_space();
    if (position_ < text_.size()) fail("an operator or the end of the formula", describe_here());
    return result;
  }

 private:
  static constexpr int kMaxDepth = 200;

  [[noreturn]] void fail(const std::string& expected, const std::string& found) const {
    std::string message = "expected ";
    message.append(expected).append(", found ").append(found);
    throw ExpressionError(position_ + 1, message);
  }
  std::string describe_here() const {
    if (position_ >= text_.size()) return "the end of the formula";
    std::string found = "\"";
    found.push_back(text_[position_]);
    found.push_back('"');
    return found;
  }
  void skip_space() {
    while (position_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[position_]))) ++position_;
  }
  bool accept(char c) {
    skip_space();
    if (position_ < text_.size() && text_[position_] == c) {
      ++position_;
      return true;
    }
    return false;
  }
  struct DepthGuard {
    explicit DepthGuard(Parser& p) : parser(p) {
      if (++parser.depth_ > kMaxDepth) parser.fail("a formula nested at most 200 deep", "deeper nesting");
    }
    ~DepthGuard() { --parser.depth_; }
    Parser& parser;
  };

  NodePtr expression() {
    DepthGuard guard(*this);
    NodePtr left = term();
    for (;;) {
      skip_space();
      const std::size_t column = position_ + 1;
      if (accept('+'))
        left = make(Kind::add, column, {left, term()});
      else if (accept('-'))
        left = make(Kind::subtract, column, {left, term()});
      else
        return left;
    }
  }
  NodePtr term() {
    NodePtr left = unary();
    for (;;) {
      skip_space();
      const std::size_t column = position_ + 1;
      if (accept('*'))
        left = make(Kind::multiply, column, {left, unary()});
      else if (accept('/'))
        left = make(Kind::divide, column, {left, unary()});
      else
        return left;
    }
  }
  NodePtr unary() {
    DepthGuard guard(*this);
    skip_space();
    const std::size_t column = position_ + 1;
    if (accept('-')) return make(Kind::negate, column, {unary()});
    if (accept('+')) return unary();
    return power();
  }
  NodePtr power() {
    NodePtr base = primary();
    skip_space();
    const std::size_t column = position_ + 1;
    if (accept('^')) return make(Kind::power, column, {base, unary()});
    return base;
  }
  NodePtr primary() {
    skip_space();
    const std::size_t column = position_ + 1;
    if (position_ >= text_.size()) fail("a number, a name or \"(\"", "the end of the formula");
    const char c = text_[position_];
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return number(column);
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::string name;
      while (position_ < text_.size() &&
             (std::isalnum(static_cast<unsigned char>(text_[position_])) || text_[position_] == '_'))
        name.push_back(text_[position_++]);
      if (accept('(')) {
        std::vector<NodePtr> arguments{expression()};
        while (accept(',')) arguments.push_back(expression());
        if (!accept(')')) fail("\",\" or \")\"", describe_here());
        auto node = make(Kind::call, column, std::move(arguments));
        std::const_pointer_cast<Expression::Node>(node)->name = name;
        return node;
      }
      auto node = make(Kind::variable, column, {});
      std::const_pointer_cast<Expression::Node>(node)->name = name;
      return node;
    }
    if (accept('(')) {
      NodePtr inner = expression();
      if (!accept(')')) fail("\")\"", describe_here());
      return inner;
    }
    fail("a number, a name or \"(\"", describe_here());
  }
  NodePtr number(std::size_t column) {
    const std::size_t start = position_;
    while (position_ < text_.size() && (std::isdigit(static_cast<unsigned char>(text_[position_])) ||
                                        text_[position_] == '.'))
      ++position_;
    if (position_ < text_.size() && (text_[position_] == 'e' || text_[position_] == 'E')) {
      std::size_t look = position_ + 1;
      if (look < text_.size() && (text_[look] == '+' || text_[look] == '-')) ++look;
      if (look < text_.size() && std::isdigit(static_cast<unsigned char>(text_[look]))) {
        position_ = look;
        while (position_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[position_]))) ++position_;
      }
    }
    const std::string literal(text_.substr(start, position_ - start));
    char* end = nullptr;
    const double value = std::strtod(literal.c_str(), &end);
    if (end != literal.c_str() + literal.size() || !std::isfinite(value)) {
      position_ = start;
      fail("a number", "\"" + literal + "\"");
    }
    auto node = make(Kind::number, column, {});
    std::const_pointer_cast<Expression::Node>(node)->value = value;
    return node;
  }

  std::string_view text_;
  std::size_t position_ = 0;
  int depth_ = 0;
};

double checked(double value, const Expression::Node& node, const char* what) {
  if (!std::isfinite(value)) throw ExpressionError(node.column, std::string("expected a finite result, found ") + what);
  return value;
}

double evaluate_node(const Expression::Node& node, const Variables& variables) {
  const auto operand = [&](std::size_t i) { return evaluate_node(*node.operands[i], variables); };
  switch (node.kind) {
    case Kind::number:
      return node.value;
    case Kind::variable: {
      const auto found = variables.find(node.name);
      if (found == variables.end())
        throw ExpressionError(node.column, "expected a variable declared under \"variables\", found the unknown name \"" +
                                               node.name + "\"");
      return found->second;
    }
    case Kind::negate:
      return -operand(0);
    case Kind::add:
      return checked(operand(0) + operand(1), node, "an overflow");
    case Kind::subtract:
      return checked(operand(0) - operand(1), node, "an overflow");
    case Kind::multiply:
      return checked(operand(0) * operand(1), node, "an overflow");
    case Kind::divide: {
      const double denominator = operand(1);
      if (denominator == 0.0) throw ExpressionError(node.column, "expected a non-zero divisor, found zero");
      return checked(operand(0) / denominator, node, "an overflow");
    }
    case Kind::power:
      return checked(std::pow(operand(0), operand(1)), node, "a power that is not a real number");
    case Kind::call:
      break;
  }
  const std::size_t count = node.operands.size();
  const auto want = [&](std::size_t n) {
    if (count != n) {
      std::string message = "expected ";
      message.append(std::to_string(n)).append(n == 1 ? " argument to " : " arguments to ").append(node.name);
      message.append(", found ").append(std::to_string(count));
      throw ExpressionError(node.column, message);
    }
  };
  if (node.name == "min" || node.name == "max") {
    double result = operand(0);
    for (std::size_t i = 1; i < count; ++i)
      result = node.name == "min" ? std::min(result, operand(i)) : std::max(result, operand(i));
    return result;
  }
  if (node.name == "abs") {
    want(1);
    return std::abs(operand(0));
  }
  if (node.name == "sqrt") {
    want(1);
    return checked(std::sqrt(operand(0)), node, "the square root of a negative number");
  }
  if (node.name == "exp") {
    want(1);
    return checked(std::exp(operand(0)), node, "an overflow");
  }
  if (node.name == "log") {
    want(1);
    return checked(std::log(operand(0)), node, "the logarithm of a number <= 0");
  }
  throw ExpressionError(node.column, "expected one of the functions min, max, abs, sqrt, exp, log, found \"" + node.name + "\"");
}

void collect_names(const Expression::Node& node, std::set<std::string>& names) {
  if (node.kind == Kind::variable) names.insert(node.name);
  for (const auto& child : node.operands) collect_names(*child, names);
}

}  // namespace

Expression Expression::parse(std::string_view text) {
  Expression expression;
  expression.root_ = Parser(text).parse_all();
  return expression;
}

double Expression::evaluate(const Variables& variables) const { return evaluate_node(*root_, variables); }

std::vector<std::string> Expression::names() const {
  std::set<std::string> names;
  collect_names(*root_, names);
  return {names.begin(), names.end()};
}

}  // namespace leverage::games
