(function () {
  var links = document.querySelectorAll(".share-bar a");
  for (var i = 0; i < links.length; i++) {
    links[i].addEventListener("click", function (e) {
      e.preventDefault();
      alert("请使用浏览器自带的分享功能：" + document.title);
    });
  }
})();
